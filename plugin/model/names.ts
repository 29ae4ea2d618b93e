/** Name rules of the IoT model: Kubernetes names, Hono tenant names and the addresses a project manages. */

// These rules and their words are also the pack's (scripts/gen-vocabulary.ts writes policies/lib/project/model.rego
// from them), so `create` refuses a name with the words `check` reports it with.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Hono's tenant id pattern. */
export const TENANT_NAME_PATTERN = /^[-a-zA-Z0-9_.]+$/;
/** The JDBC device registry stores tenant ids in VARCHAR(256). */
export const TENANT_NAME_MAX = 256;
export const SUBDOMAIN_MAX = 253;
const LABEL_MAX = 63;
/** What a metadata.name must be. */
export const SUBDOMAIN_RULE = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)";

/** The address kinds an IoT project manages, in the order the operator created them. */
export const MANAGED_ADDRESS_PREFIXES = ['telemetry', 'event', 'command', 'command_response'] as const;

/** A Kubernetes name rule: its length limit, its pattern, and how to say what the pattern wants. */
interface NameRule {
  max: number;
  pattern: RegExp;
  wanted: string;
}

const SUBDOMAIN: NameRule = { max: SUBDOMAIN_MAX, pattern: DNS1123_SUBDOMAIN, wanted: SUBDOMAIN_RULE };
const LABEL: NameRule = {
  max: LABEL_MAX,
  pattern: DNS1123_LABEL,
  wanted: "a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
};

function broken(name: string, rule: NameRule): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > rule.max) return `has ${name.length} characters, at most ${rule.max} are allowed`;
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
  if (!TENANT_NAME_PATTERN.test(tenant)) return `its tenant name ${tenant} must match ${TENANT_NAME_PATTERN.source}`;
  if (tenant.length > TENANT_NAME_MAX) {
    return `its tenant name <namespace>.<name> has ${tenant.length} characters, at most ${TENANT_NAME_MAX} are allowed ` +
      `(the JDBC device registry stores it in VARCHAR(${TENANT_NAME_MAX}))`;
  }
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
