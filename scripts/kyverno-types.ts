/**
 * Typings of the Kyverno formats `policies export --format kyverno` writes: the ValidatingPolicy
 * (policies.kyverno.io/v1, CEL), the ClusterPolicy (kyverno.io/v1) and the Kyverno CLI's test file,
 * kyverno-test.yaml (cli.kyverno.io/v1alpha1 Test). Only the fields the export uses are typed, so that the
 * generator is checked by the compiler; the real Kyverno CLI loads the files in test/policy/kyverno-*.test.ts.
 */

/** What a failing ValidatingPolicy does: block the request, record it in a report, or warn the client. */
export type ValidationAction = 'Deny' | 'Audit' | 'Warn';

export interface CelVariable {
  name: string;
  expression: string;
}

/** A CEL expression that is true for an object that passes. */
export interface CelValidation {
  expression: string;
  message?: string;
  messageExpression?: string;
}

/** The admission requests a ValidatingPolicy sees (the fields of admissionregistration.k8s.io/v1 NamedRuleWithOperations). */
export interface ResourceRule {
  apiGroups: string[];
  apiVersions: string[];
  operations: ('CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT' | '*')[];
  resources: string[];
}

export interface ValidatingPolicy {
  apiVersion: 'policies.kyverno.io/v1';
  kind: 'ValidatingPolicy';
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    validationActions: ValidationAction[];
    matchConstraints: { resourceRules: ResourceRule[] };
    variables?: CelVariable[];
    validations: CelValidation[];
  };
}

/** Operators of a deny condition (validate.deny.conditions). */
export type ConditionOperator = 'Equals' | 'NotEquals' | 'In' | 'AnyIn' | 'AllIn' | 'NotIn' | 'AnyNotIn' | 'AllNotIn'
  | 'GreaterThan' | 'GreaterThanOrEquals' | 'LessThan' | 'LessThanOrEquals';

/** What a failed validate rule does: block the request, or only report it. */
export type FailureAction = 'Enforce' | 'Audit';

/** Result values of a kyverno-test.yaml entry. */
export type TestResultValue = 'pass' | 'fail' | 'skip' | 'warn' | 'error';

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
  /** ClusterPolicy results name their rule; ValidatingPolicy results have none and say what they are. */
  rule?: string;
  isValidatingPolicy?: true;
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

/**
 * The two forms of the export, by folder, and the Kyverno versions that run each (README of the export): in a
 * cluster, and in the CLI on manifests. The CLI bounds were tried by hand with each release's `kyverno test`.
 */
export const KYVERNO_FORMS = [
  { folder: 'policies', kind: 'ValidatingPolicy', apiVersion: 'policies.kyverno.io/v1',
    cluster: '1.17 or later (`policies.kyverno.io/v1`)',
    cli: '1.18 or later (1.18.2 and 1.19.1 pass every test); the 1.17.1 CLI cannot map these custom kinds to '
      + 'resources without a cluster (`failed to map gvk to gvr`)' },
  { folder: 'cluster-policies', kind: 'ClusterPolicy', apiVersion: 'kyverno.io/v1',
    cluster: '1.13 or later (`validate.failureAction`); deprecated since 1.17, removal scheduled for 1.20',
    cli: '1.17.1, 1.18.2 and 1.19.1 pass every test (1.19.1 warns that the kind is deprecated)' },
] as const;
