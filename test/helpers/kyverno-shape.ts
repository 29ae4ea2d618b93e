/**
 * Runtime checks that parsed YAML has the shape plugin/policy/kyverno-types.ts declares (the Kyverno CLI is
 * not available here to load the files itself). Each returns the problems found, empty when the value fits.
 */
import {
  CONDITION_OPERATORS, FAILURE_ACTIONS, TEST_RESULTS, type ClusterPolicy, type KyvernoTest,
} from '../../plugin/policy/kyverno-types';

type Problems = string[];
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isScalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);

/** Problems with keys outside `allowed` or required keys missing. */
function keys(value: Obj, where: string, required: string[], optional: string[] = []): Problems {
  return [
    ...required.filter((k) => !(k in value)).map((k) => `${where}: ${k} is missing`),
    ...Object.keys(value).filter((k) => !required.includes(k) && !optional.includes(k)).map((k) => `${where}: unknown field ${k}`),
  ];
}

/** Kyverno variables: every "{{" is closed, and nothing else uses braces. */
function variables(text: string, where: string): Problems {
  const stripped = text.replace(/\{\{[^{}]*\}\}/g, '');
  return /[{}]{2}/.test(stripped) ? [`${where}: unbalanced {{ }} in ${text}`] : [];
}

function condition(c: unknown, where: string): Problems {
  if (!isObject(c)) return [`${where}: not an object`];
  return [
    ...keys(c, where, ['key', 'operator', 'value'], ['message']),
    ...(CONDITION_OPERATORS as readonly unknown[]).includes(c.operator) ? [] : [`${where}: operator ${String(c.operator)}`],
    ...isScalar(c.key) ? variables(String(c.key), `${where}.key`) : [`${where}: key is not a scalar`],
    ...isScalar(c.value) || (Array.isArray(c.value) && c.value.every(isScalar)) ? [] : [`${where}: value`],
  ];
}

/** Pattern keys are plain names or anchors such as =(name) and X(name). */
function pattern(value: unknown, where: string): Problems {
  if (!isObject(value)) return isScalar(value) ? [] : [`${where}: a pattern leaf must be a scalar`];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(/^([=X+^]\([\w.-]+\)|[\w.-]+)$/.test(key) ? [] : [`${where}: pattern key ${key}`]),
    ...pattern(inner, `${where}.${key}`),
  ]);
}

function rule(r: unknown, where: string): Problems {
  if (!isObject(r)) return [`${where}: not an object`];
  const match = r.match as Obj | undefined;
  const filters = isObject(match) && Array.isArray(match.any) ? match.any : [];
  const v = r.validate as Obj | undefined;
  if (!isObject(v)) return [...keys(r, where, ['name', 'match', 'validate'], ['exclude']), `${where}: validate`];
  const deny = v.deny as Obj | undefined;
  const conditions = isObject(deny) && isObject(deny.conditions) ? deny.conditions : undefined;
  return [
    ...keys(r, where, ['name', 'match', 'validate'], ['exclude']),
    ...isText(r.name) && r.name.length <= 63 ? [] : [`${where}: name`],
    ...filters.length > 0 ? [] : [`${where}: match.any is empty`],
    ...filters.flatMap((f, i) => {
      const kinds = isObject(f) && isObject(f.resources) ? f.resources.kinds : undefined;
      return Array.isArray(kinds) && kinds.length > 0 && kinds.every((k) => /^([\w.-]+\/[\w*]+\/)?[A-Z]\w*$/.test(String(k)))
        ? [] : [`${where}.match.any[${i}]: resources.kinds`];
    }),
    ...keys(v, `${where}.validate`, ['message'], ['failureAction', 'pattern', 'deny']),
    ...isText(v.message) ? variables(v.message, `${where}.validate.message`) : [`${where}: validate.message`],
    ...(FAILURE_ACTIONS as readonly unknown[]).includes(v.failureAction) ? [] : [`${where}: failureAction ${String(v.failureAction)}`],
    ...('pattern' in v) === ('deny' in v) ? [`${where}: validate needs exactly one of pattern and deny`] : [],
    ...'pattern' in v ? pattern(v.pattern, `${where}.validate.pattern`) : [],
    ...'deny' in v && !conditions ? [`${where}: deny.conditions`] : [],
    ...conditions ? ['any', 'all'].flatMap((k) => (Array.isArray(conditions[k]) ? conditions[k] as unknown[] : [])
      .map((c, i) => condition(c, `${where}.deny.conditions.${k}[${i}]`)).flat()) : [],
  ];
}

/** What keeps `value` from being a ClusterPolicy. */
export function clusterPolicyProblems(value: unknown): Problems {
  if (!isObject(value)) return ['not an object'];
  const spec = value.spec as Obj | undefined;
  const metadata = value.metadata as Obj | undefined;
  const rules = isObject(spec) && Array.isArray(spec.rules) ? spec.rules : [];
  return [
    ...keys(value, 'policy', ['apiVersion', 'kind', 'metadata', 'spec']),
    ...value.apiVersion === 'kyverno.io/v1' && value.kind === 'ClusterPolicy' ? [] : ['not a kyverno.io/v1 ClusterPolicy'],
    ...isObject(metadata) && isText(metadata.name) ? [] : ['metadata.name'],
    ...isObject(spec) ? keys(spec, 'spec', ['rules'], ['background', 'admission']) : ['spec'],
    ...rules.length > 0 ? [] : ['spec.rules is empty'],
    ...rules.flatMap((r, i) => rule(r, `spec.rules[${i}]`)),
  ];
}

/** What keeps `value` from being a kyverno-test.yaml Test. */
export function kyvernoTestProblems(value: unknown): Problems {
  if (!isObject(value)) return ['not an object'];
  const results = Array.isArray(value.results) ? value.results : [];
  const paths = (k: string) => (Array.isArray(value[k]) && (value[k] as unknown[]).length > 0 && (value[k] as unknown[]).every(isText)
    ? [] : [`${k} must list files`]);
  return [
    ...keys(value, 'test', ['apiVersion', 'kind', 'metadata', 'policies', 'resources', 'results']),
    ...value.apiVersion === 'cli.kyverno.io/v1alpha1' && value.kind === 'Test' ? [] : ['not a cli.kyverno.io/v1alpha1 Test'],
    ...paths('policies'), ...paths('resources'),
    ...results.length > 0 ? [] : ['results is empty'],
    ...results.flatMap((r, i) => (isObject(r) ? [
      ...keys(r, `results[${i}]`, ['policy', 'rule', 'kind', 'resources', 'result']),
      ...(TEST_RESULTS as readonly unknown[]).includes(r.result) ? [] : [`results[${i}]: result ${String(r.result)}`],
      ...Array.isArray(r.resources) && r.resources.length > 0 && r.resources.every(isText) ? [] : [`results[${i}]: resources`],
    ] : [`results[${i}]: not an object`])),
  ];
}

/** Narrows after a check that found no problems. */
export function asClusterPolicy(value: unknown): ClusterPolicy {
  const problems = clusterPolicyProblems(value);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return value as ClusterPolicy;
}

export function asKyvernoTest(value: unknown): KyvernoTest {
  const problems = kyvernoTestProblems(value);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return value as KyvernoTest;
}
