/**
 * The policies Kyverno can express on one object, as the JMESPath validate rules of the ClusterPolicy form (the
 * ValidatingPolicy form takes the CEL of scripts/export-vap-rules.ts). Kyverno cannot run Rego, so they restate
 * it; they read the constants they need (name patterns, removed strategies, registry kinds) from the Rego itself
 * and fail the generation when the Rego no longer says what the restatement assumes. Messages, titles and
 * severities come from METADATA. NOT_EXPRESSIBLE is the one list of what Kyverno cannot express: the export's
 * README prints it and test/policy/kyverno-parity.test.ts leaves exactly those out.
 */
import type { Validation } from './kyverno-types';
import { regoValue } from './export-sources';

/** Why each policy Kyverno cannot express is left out (README of the export). */
export const NOT_EXPRESSIBLE: Record<string, string> = {
  'project-requires-messaging-tenant': 'needs the MessagingTenant named default of the project\'s namespace, another object',
  'project-requires-iot-infrastructure': 'follows the chain tenant -> MessagingInfrastructure (explicit reference, or '
    + 'namespaceSelector precedence matchNames > no selector > labels, oldest first) -> IoTConfig across namespaces',
  'project-address-conflict': 'compares a MessagingAddress with the IoTProjects of its namespace',
  'iot-infrastructure-singleton': 'counts the IoTConfigs of the whole cluster',
  'iot-infrastructure-messaging-infrastructure': 'needs the MessagingInfrastructure an IoTConfig binds to, another object',
  'iot-infrastructure-plaintext-password': 'looks for a `password` key at any depth of spec (the IoTConfig schema keeps '
    + 'unknown fields); Kyverno patterns need fixed paths, JMESPath has no recursive descent and CEL no recursion',
};

type Check = Omit<Validation, 'message' | 'failureAction'>;

function same(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`the Kyverno rule assumes ${what} is ${JSON.stringify(expected)}, the Rego says ${JSON.stringify(actual)}`);
  }
}

/** A JMESPath raw string literal (Kyverno variables must not see braces in it). */
function raw(text: string): string {
  if (/['{}]/.test(text)) throw new Error(`cannot put ${text} into a JMESPath raw string`);
  return `'${text}'`;
}

const NAME = 'request.object.metadata.name';
const TENANT = `join('.', [request.object.metadata.namespace, ${NAME}])`;
const REGISTRY = 'request.object.spec.services.deviceRegistry';

function projectName(): Check {
  const subdomain = regoValue('data.policies["project-name"].subdomain') as string;
  const tenant = regoValue('data.policies["project-name"].tenant_pattern') as string;
  return { deny: { conditions: { any: [
    { key: `{{ regex_match(${raw(subdomain)}, ${NAME}) }}`, operator: 'Equals', value: false },
    { key: `{{ length(${NAME}) }}`, operator: 'GreaterThan', value: 253 },
    { key: `{{ regex_match(${raw(tenant)}, ${TENANT}) }}`, operator: 'Equals', value: false },
    { key: `{{ length(${TENANT}) }}`, operator: 'GreaterThan', value: 256 },
  ] } } };
}

function managedStrategyOnly(): Check {
  const removed = Object.keys(regoValue('data.policies["project-managed-strategy-only"].removed') as object).sort();
  same('the removed strategies', removed, ['externalStrategy', 'providedStrategy']);
  return { pattern: { '=(spec)': { '=(downstreamStrategy)': Object.fromEntries(removed.map((s) => [`X(${s})`, 'null'])) } } };
}

function deviceRegistry(): Check {
  same('the registry kinds', regoValue('data.policies["iot-infrastructure-device-registry"].registry_kinds'), ['infinispan', 'jdbc']);
  const jdbc = `${REGISTRY}.jdbc`;
  const infinispan = `${REGISTRY}.infinispan`;
  return { deny: { conditions: { any: [
    { key: `{{ ${jdbc} == \`null\` && ${infinispan} == \`null\` }}`, operator: 'Equals', value: true },
    { key: `{{ ${jdbc} != \`null\` && ${infinispan} != \`null\` }}`, operator: 'Equals', value: true },
    { key: `{{ ${jdbc} != \`null\` && ${infinispan} == \`null\` && type(${jdbc}.server.external) != 'object' }}`,
      operator: 'Equals', value: true },
  ] } } };
}

const named = (name: string): Check => ({ pattern: { metadata: { name } } });

/** The Kyverno check of each policy it can express, by policy id. */
export function kyvernoChecks(): Record<string, Check> {
  return {
    'iot-infrastructure-device-registry': deviceRegistry(),
    'iot-infrastructure-name': named('default'),
    'messaging-tenant-name': named('default'),
    'project-managed-strategy-only': managedStrategyOnly(),
    'project-name': projectName(),
  };
}
