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

/** A Kubernetes name rule: its length limit, its pattern, and how to say what the pattern wants. */
interface NameRule {
  max: number;
  pattern: RegExp;
  wanted: string;
}

const SUBDOMAIN: NameRule = {
  max: SUBDOMAIN_MAX,
  pattern: DNS1123_SUBDOMAIN,
  wanted: 'a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending alphanumeric',
};
const LABEL: NameRule = {
  max: LABEL_MAX,
  pattern: DNS1123_LABEL,
  wanted: 'a DNS-1123 label: lowercase letters, digits and "-", starting and ending alphanumeric',
};

function broken(name: string, rule: NameRule): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > rule.max) return `must be at most ${rule.max} characters (it has ${name.length})`;
  return rule.pattern.test(name) ? undefined : `must be ${rule.wanted}`;
}

/** Why `name` is not a DNS-1123 subdomain (metadata.name of most objects), or undefined when it is one. */
export function invalidSubdomain(name: string): string | undefined {
  return broken(name, SUBDOMAIN);
}

/** Why `name` is not a DNS-1123 label (a namespace name), or undefined when it is one. */
export function invalidLabel(name: string): string | undefined {
  return broken(name, LABEL);
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
