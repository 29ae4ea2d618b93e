/**
 * The policies one object decides, described once for CEL: for each, the problems in the order the Rego's
 * `else` chain tries them (the first that holds is the finding), each a CEL condition and the finding's message
 * as check prints it. scripts/export-vap.ts compiles a description into one ValidatingAdmissionPolicy; the
 * constants (patterns, lengths, removed strategies, registry kinds) are read from the Rego, and the generation
 * fails when the Rego no longer says what a description assumes. test/policy/vap-parity.test.ts and
 * test/e2e/vap.test.ts hold the CEL to the Rego's verdicts and messages on every sample and fixture.
 */
import { regoValue } from './export-sources';

/** Text of a message: literal pieces and CEL string expressions, joined. */
export type Text = (string | { cel: string })[];

/** One policy in CEL. */
export interface CelRule {
  /** Named CEL values the problems read (ValidatingAdmissionPolicy spec.variables, read as variables.NAME). */
  variables: [string, string][];
  /** First match wins, as in the Rego: when `when` holds, the object has the finding `message`. */
  problems: { when: string; message: Text }[];
  /** Whether the problems read spec, so that an update can bring one (else they read the name, fixed at creation). */
  readsSpec: boolean;
}

/**
 * When admission reviews an object against a rule. Creates always; updates only when the rule reads spec and the
 * update changes it: an object that predates the policy (or was refused nothing under another version of it) can
 * still get a label, or lose the finalizer its controller removes on deletion.
 */
export function admissionScope(rule: CelRule): { operations: string[]; matchConditions?: { name: string; expression: string }[] } {
  if (!rule.readsSpec) return { operations: ['CREATE'] };
  return {
    operations: ['CREATE', 'UPDATE'],
    matchConditions: [{ name: 'creates-or-changes-spec',
      expression: 'request.operation != \'UPDATE\' || oldObject.?spec.orValue({}) != object.?spec.orValue({})' }],
  };
}

/** Why a policy has no ValidatingAdmissionPolicy (the export's README). */
export const NOT_ADMISSIBLE: Record<string, string> = {
  'project-requires-messaging-tenant': 'needs the MessagingTenant named default of the project\'s namespace, another object',
  'project-requires-iot-infrastructure': 'follows the chain tenant -> MessagingInfrastructure -> IoTConfig across objects '
    + 'and namespaces',
  'project-address-conflict': 'compares a MessagingAddress with the IoTProjects of its namespace',
  'iot-infrastructure-singleton': 'counts the IoTConfigs of the whole cluster',
  'iot-infrastructure-messaging-infrastructure': 'needs the MessagingInfrastructure an IoTConfig binds to, another object',
  'iot-infrastructure-plaintext-password': 'looks for a `password` key at any depth of spec (the IoTConfig schema keeps '
    + 'unknown fields); CEL has no recursion, so it could only look to a fixed depth and would miss deeper ones',
};

/** A CEL string literal of `text`. */
export function lit(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll('\'', '\\\'')}'`;
}

function same(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`the CEL of ${what} assumes ${JSON.stringify(expected)}, the Rego says ${JSON.stringify(actual)}`);
  }
}

/** "Kind namespace/name", as finding.object_name names an object. */
const SUBJECT = { cel: 'variables.subject' };

/**
 * The model's kind of the object, as finding.object_name names it: a later name (IoTInfrastructure of
 * iot.enmasse.io/v1) by the kind it names, from the Rego's alias table ({kind: {apiVersion: canonical}}).
 */
function modelKind(): string {
  const aliases = regoValue('data.policies.lib.kinds.aliases') as Record<string, Record<string, string>>;
  const entries = Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b)).flatMap(([kind, versions]) =>
    Object.entries(versions).map(([apiVersion, canonical]) => `${lit(`${apiVersion}/${kind}`)}: ${lit(canonical)}`));
  const table = `{${entries.join(', ')}}`;
  return `object.apiVersion + '/' + object.kind in ${table} ? ${table}[object.apiVersion + '/' + object.kind] : object.kind`;
}

/** The variables naming the object. check reads one without metadata.namespace as one of namespace default. */
const nameVariables = (): [string, string][] => [['ns', 'object.metadata.?namespace.orValue(\'default\')'],
  ['name', 'object.metadata.?name.orValue(\'\')'],
  ['kind', modelKind()],
  ['subject', 'variables.kind + \' \' + variables.ns + \'/\' + variables.name']];
const size = (cel: string) => ({ cel: `string(size(${cel}))` });

function projectName(): CelRule {
  const rego = (rule: string) => regoValue(`data.policies.lib.project.${rule}`);
  const [subdomain, tenant, maxName, maxTenant] = ['subdomain', 'tenant_pattern', 'max_name', 'max_tenant'].map(rego);
  return {
    readsSpec: false,
    variables: [...nameVariables(), ['tenant', 'variables.ns + \'.\' + variables.name']],
    problems: [
      { when: 'variables.name == \'\'', message: [SUBJECT, ' has no metadata.name'] },
      { when: `size(variables.name) > ${maxName}`,
        message: [SUBJECT, ': metadata.name has ', size('variables.name'), ` characters, at most ${maxName} are allowed`] },
      { when: `!variables.name.matches(${lit(subdomain as string)})`,
        message: [SUBJECT, ': metadata.name must be a DNS-1123 subdomain',
          ' (lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit)'] },
      { when: `!variables.tenant.matches(${lit(tenant as string)})`,
        message: [SUBJECT, ': its tenant name ', { cel: 'variables.tenant' }, ` must match ${tenant as string}`] },
      { when: `size(variables.tenant) > ${maxTenant}`,
        message: [SUBJECT, ': its tenant name <namespace>.<name> has ', size('variables.tenant'),
          ` characters, at most ${maxTenant} are allowed (the JDBC device registry stores it in VARCHAR(${maxTenant}))`] },
    ],
  };
}

function managedStrategyOnly(): CelRule {
  const removed = regoValue('data.policies["project-managed-strategy-only"].removed') as Record<string, string>;
  const strategies = Object.keys(removed).sort();
  same('the removed strategies', strategies, ['externalStrategy', 'providedStrategy']);
  const hints = `{${strategies.map((s) => `${lit(s)}: ${lit(removed[s])}`).join(', ')}}`;
  return {
    readsSpec: true,
    variables: [...nameVariables(),
      ['strategies', 'object.?spec.?downstreamStrategy.orValue(null)'],
      // Every removed key, with any value (the Rego's `some strategy, _ in strategies`); the first one is reported.
      ['removed', `type(variables.strategies) == map ? [${strategies.map(lit).join(', ')}].filter(s, s in variables.strategies) : []`]],
    problems: [{
      when: 'size(variables.removed) > 0',
      message: [SUBJECT, ' uses spec.downstreamStrategy.', { cel: 'variables.removed[0]' },
        ', which EnMasse Core v1 removed: only the managed strategy remains', { cel: `${hints}[variables.removed[0]]` }],
    }],
  };
}

function deviceRegistry(): CelRule {
  const kinds = regoValue('data.policies["iot-infrastructure-device-registry"].registry_kinds') as string[];
  same('the registry kinds', kinds, ['infinispan', 'jdbc']);
  return {
    readsSpec: true,
    variables: [...nameVariables(),
      ['registry', 'object.?spec.?services.?deviceRegistry.orValue({})'],
      // The kinds configured with a value other than null, as the Rego's `configured`.
      ['configured', `type(variables.registry) == map ? ['jdbc', 'infinispan'].filter(k, k in variables.registry && variables.registry[k] != null) : []`]],
    problems: [
      { when: 'size(variables.configured) == 0',
        message: [SUBJECT, ' configures no device registry: set spec.services.deviceRegistry.jdbc.server.external',
          ' (an external JDBC server) or spec.services.deviceRegistry.infinispan'] },
      { when: 'size(variables.configured) > 1',
        message: [SUBJECT, ' configures two device registries (jdbc and infinispan), but exactly one is allowed'] },
      { when: 'variables.configured == [\'jdbc\'] && type(variables.registry.jdbc.?server.?external.orValue(null)) != map',
        message: [SUBJECT, ' configures a JDBC device registry without a server:',
          ' spec.services.deviceRegistry.jdbc.server.external is missing'] },
    ],
  };
}

function namedDefault(message: string): CelRule {
  return { readsSpec: false, variables: nameVariables(), problems: [{ when: 'variables.name != \'default\'', message: [SUBJECT, message] }] };
}

/** The CEL of every policy one object decides, by policy id. */
export function celRules(): Record<string, CelRule> {
  return {
    'iot-infrastructure-device-registry': deviceRegistry(),
    'iot-infrastructure-name': namedDefault(' must be named default: the controller reports The name of the resource must be \'default\''),
    'messaging-tenant-name': namedDefault(' is ignored: the controller only reconciles the MessagingTenant named default in a namespace'),
    'project-managed-strategy-only': managedStrategyOnly(),
    'project-name': projectName(),
  };
}

/** A rule as one CEL string: the message of the first problem that holds, or '' when none does. */
export function problemExpression(rule: CelRule): string {
  const cel = (expression: string) => (/^[\w.]+$/.test(expression) ? expression : `(${expression})`);
  const merged = (parts: Text) => parts.reduce<Text>((out, p) => {
    const last = out[out.length - 1];
    return typeof p === 'string' && typeof last === 'string' ? [...out.slice(0, -1), last + p] : [...out, p];
  }, []);
  const text = (parts: Text) => merged(parts).map((p) => (typeof p === 'string' ? lit(p) : cel(p.cel))).join(' + ');
  // One line per problem: `condition ? message :`, then '' (no problem).
  return rule.problems.reduceRight((rest, p) => `${p.when}\n  ? ${text(p.message)}\n  : ${rest}`, '\'\'');
}
