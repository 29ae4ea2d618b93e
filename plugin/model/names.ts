/** Name rules of the IoT model: Kubernetes names, Hono tenant names and the addresses a project manages. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Hono's tenant id pattern. */
export const TENANT_NAME_PATTERN = /^[a-zA-Z0-9-_.]+$/;
/** The JDBC device registry stores tenant ids in VARCHAR(256). */
export const TENANT_NAME_MAX = 256;
const SUBDOMAIN_MAX = 253;
const LABEL_MAX = 63;

/** The address kinds an IoT project manages, in the order the operator created them. */
export const MANAGED_ADDRESS_PREFIXES = ['telemetry', 'event', 'command', 'command_response'] as const;

/** Why `name` is not a DNS-1123 subdomain (metadata.name of most objects), or undefined when it is one. */
export function invalidSubdomain(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > SUBDOMAIN_MAX) return `must be at most ${SUBDOMAIN_MAX} characters (it has ${name.length})`;
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending alphanumeric';
  }
  return undefined;
}

/** Why `name` is not a DNS-1123 label (a namespace name), or undefined when it is one. */
export function invalidLabel(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > LABEL_MAX) return `must be at most ${LABEL_MAX} characters (it has ${name.length})`;
  if (!DNS1123_LABEL.test(name)) {
    return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending alphanumeric';
  }
  return undefined;
}

/** The Hono tenant name of project `name` in `namespace`. */
export function tenantName(namespace: string, name: string): string {
  return `${namespace}.${name}`;
}

/** Why `tenant` is not a valid Hono tenant name, or undefined when it is one. */
export function invalidTenantName(tenant: string): string | undefined {
  if (tenant.length > TENANT_NAME_MAX) {
    return `tenant name "${tenant.slice(0, 40)}..." is ${tenant.length} characters, at most ${TENANT_NAME_MAX} allowed`;
  }
  if (!TENANT_NAME_PATTERN.test(tenant)) return `tenant name "${tenant}" must match ${TENANT_NAME_PATTERN.source}`;
  return undefined;
}

/** The addresses a project manages: telemetry/<tenant>, event/<tenant>, command/<tenant>, command_response/<tenant>. */
export function managedAddresses(namespace: string, name: string): string[] {
  const tenant = tenantName(namespace, name);
  return MANAGED_ADDRESS_PREFIXES.map((prefix) => `${prefix}/${tenant}`);
}

/** The same addresses as protocol adapters use them on the messaging infrastructure: prefixed with the vhost. */
export function adapterAddresses(namespace: string, name: string): string[] {
  return managedAddresses(namespace, name).map((address) => `${namespace}/${address}`);
}
