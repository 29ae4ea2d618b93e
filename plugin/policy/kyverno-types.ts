/**
 * Typings of the two Kyverno formats `policies export --format kyverno` writes: the ClusterPolicy
 * (kyverno.io/v1) and the Kyverno CLI's test file, kyverno-test.yaml (cli.kyverno.io/v1alpha1 Test).
 * Only the fields the export uses are typed, with their documented value sets, so that the generator is
 * checked by the compiler and the committed files by test/policy/kyverno-export.test.ts (the Kyverno CLI
 * itself cannot run here).
 */

/** Operators of a deny condition (validate.deny.conditions). */
export const CONDITION_OPERATORS = ['Equals', 'NotEquals', 'In', 'AnyIn', 'AllIn', 'NotIn', 'AnyNotIn', 'AllNotIn',
  'GreaterThan', 'GreaterThanOrEquals', 'LessThan', 'LessThanOrEquals', 'DurationGreaterThan',
  'DurationGreaterThanOrEquals', 'DurationLessThan', 'DurationLessThanOrEquals'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** What a failed validate rule does: block the request, or only report it. */
export const FAILURE_ACTIONS = ['Enforce', 'Audit'] as const;
export type FailureAction = (typeof FAILURE_ACTIONS)[number];

/** Result values of a kyverno-test.yaml entry. */
export const TEST_RESULTS = ['pass', 'fail', 'skip', 'warn', 'error'] as const;
export type TestResultValue = (typeof TEST_RESULTS)[number];

/** key/operator/value, the key usually a JMESPath variable such as "{{ request.object.metadata.name }}". */
export interface Condition {
  key: string | number | boolean;
  operator: ConditionOperator;
  value: string | number | boolean | (string | number | boolean)[];
  message?: string;
}

export interface AnyAllConditions {
  any?: Condition[];
  all?: Condition[];
}

/** A validate rule: a pattern the object must match, or deny conditions that must not all hold. */
export interface Validation {
  message: string;
  failureAction?: FailureAction;
  pattern?: Record<string, unknown>;
  deny?: { conditions: AnyAllConditions };
}

/** The resources a rule matches; kinds as `Kind` or `group/version/Kind`. */
export interface ResourceDescription {
  kinds: string[];
  names?: string[];
  namespaces?: string[];
}

export interface MatchResources {
  any?: { resources: ResourceDescription }[];
  all?: { resources: ResourceDescription }[];
}

export interface Rule {
  name: string;
  match: MatchResources;
  exclude?: MatchResources;
  validate: Validation;
}

export interface ClusterPolicy {
  apiVersion: 'kyverno.io/v1';
  kind: 'ClusterPolicy';
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    background?: boolean;
    admission?: boolean;
    rules: Rule[];
  };
}

/** One expected result: `resources` are names, `<namespace>/<name>` for namespaced objects. */
export interface TestResult {
  policy: string;
  rule: string;
  kind: string;
  resources: string[];
  result: TestResultValue;
}

/** kyverno-test.yaml; paths are relative to the file. */
export interface KyvernoTest {
  apiVersion: 'cli.kyverno.io/v1alpha1';
  kind: 'Test';
  metadata: { name: string };
  policies: string[];
  resources: string[];
  results: TestResult[];
}
