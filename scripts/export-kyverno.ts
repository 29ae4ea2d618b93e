/**
 * The Kyverno export, for each policy one object decides:
 *   policies/<id>.yaml          a ValidatingPolicy (policies.kyverno.io/v1), the primary form: the CEL of the native
 *                               admission export (scripts/export-vap-rules.ts), messages as check gives them;
 *   cluster-policies/<id>.yaml  the same rule as a ClusterPolicy (kyverno.io/v1, scripts/export-kyverno-rules.ts),
 *                               for Kyverno before 1.17, with METADATA's title and description as message;
 *   tests/<id>/<sample>/        a kyverno-test.yaml expecting of both forms, object by object, the verdict the
 *                               plugin's WebAssembly module gives on that sample.
 */
import { projectCrds } from './crds';
import { kyvernoReadme } from './export-kyverno-readme';
import { kyvernoChecks, NOT_EXPRESSIBLE } from './export-kyverno-rules';
import { celRules, problemExpression, type CelRule } from './export-vap-rules';
import type { ClusterPolicy, KyvernoTest, ResourceRule, TestResult, ValidatingPolicy } from './kyverno-types';
import { generatedHeader, isKind, modelKinds, reportedKinds, sampleCopy, yamlFile, type CheckedSample,
  type ModelKind, type PolicyMeta } from './export-sources';

type Check = ReturnType<typeof kyvernoChecks>[string];

function annotations(policy: PolicyMeta, kinds: ModelKind[]): Record<string, string> {
  return {
    'policies.kyverno.io/title': policy.title,
    'policies.kyverno.io/category': 'kubectl-iot',
    'policies.kyverno.io/severity': policy.severity === 'error' ? 'high' : 'medium',
    'policies.kyverno.io/subject': [...new Set(kinds.map((k) => k.kind))].join(', '),
    'policies.kyverno.io/description': policy.description,
    'kubectl-iot.enmasse.io/remediation': policy.remediation,
  };
}

const message = (policy: PolicyMeta) => `${policy.title}: ${policy.description}`;

/** The ClusterPolicy of a policy; it matches every served version of the kinds the policy reports on. */
export function clusterPolicy(policy: PolicyMeta, kinds: ModelKind[], check: Check): ClusterPolicy {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: policy.id, annotations: annotations(policy, kinds) },
    spec: {
      background: true,
      rules: [{
        name: policy.id,
        match: { any: [{ resources: { kinds: kinds.map((k) => `${k.group}/${k.version}/${k.kind}`) } }] },
        validate: { message: message(policy), failureAction: policy.severity === 'error' ? 'Enforce' : 'Audit', ...check },
      }],
    },
  };
}

/** Admission rules for these kinds: one per API group, every served version, the resources by plural name. */
function resourceRules(kinds: ModelKind[]): ResourceRule[] {
  const plurals = new Map(projectCrds().map(({ crd }) => {
    const spec = crd.spec as { group: string; names: { kind: string; plural: string } };
    return [`${spec.group}/${spec.names.kind}`, spec.names.plural];
  }));
  plurals.set('/Namespace', 'namespaces');
  const groups = [...new Set(kinds.map((k) => k.group))];
  return groups.map((group) => {
    const of = kinds.filter((k) => k.group === group);
    return {
      apiGroups: [group],
      apiVersions: [...new Set(of.map((k) => k.version))].sort(),
      operations: ['CREATE', 'UPDATE'],
      resources: [...new Set(of.map((k) => plurals.get(`${group}/${k.kind}`) ?? ''))].sort(),
    };
  });
}

/** The ValidatingPolicy of a policy: errors deny the request, warnings are reported and returned as warnings. */
export function validatingPolicy(policy: PolicyMeta, kinds: ModelKind[], rule: CelRule): ValidatingPolicy {
  return {
    apiVersion: 'policies.kyverno.io/v1',
    kind: 'ValidatingPolicy',
    metadata: { name: policy.id, annotations: annotations(policy, kinds) },
    spec: {
      validationActions: policy.severity === 'error' ? ['Deny'] : ['Audit', 'Warn'],
      matchConstraints: { resourceRules: resourceRules(kinds) },
      variables: [...rule.variables.map(([name, expression]) => ({ name, expression })),
        { name: 'problem', expression: problemExpression(rule) }],
      // The finding check reports; `message` is shown only if messageExpression fails.
      validations: [{ expression: "variables.problem == ''", messageExpression: 'variables.problem', message: message(policy) }],
    },
  };
}

/** Expected results of one form: objects grouped by kind and verdict. */
function resultsOf(policy: PolicyMeta, sample: CheckedSample, kinds: Set<string>, form: Partial<TestResult>): TestResult[] {
  const results = new Map<string, TestResult>();
  sample.documents.forEach((document, index) => {
    if (!kinds.has(document.kind)) return;
    const failed = sample.findings.some((f) => f.policy === policy.id && f.index === index);
    const key = `${document.kind}/${failed}`;
    if (!results.has(key)) {
      results.set(key, { policy: policy.id, ...form, kind: document.kind, resources: [], result: failed ? 'fail' : 'pass' });
    }
    const { name, namespace } = document.metadata;
    results.get(key)?.resources.push(namespace ? `${namespace}/${name}` : String(name));
  });
  return [...results.values()];
}

function testOf(policy: PolicyMeta, sample: CheckedSample, kinds: Set<string>): KyvernoTest {
  return {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Test',
    metadata: { name: `${policy.id}-${sample.name}` },
    policies: [`../../../policies/${policy.id}.yaml`, `../../../cluster-policies/${policy.id}.yaml`],
    resources: ['resources.yaml'],
    results: [
      ...resultsOf(policy, sample, kinds, { isValidatingPolicy: true }),
      ...resultsOf(policy, sample, kinds, { rule: policy.id }),
    ],
  };
}

/** The Kyverno export, by path inside policies/build/kyverno/. */
export function kyvernoFiles(policies: PolicyMeta[], samples: CheckedSample[]): Record<string, string> {
  const checks = kyvernoChecks();
  const cel = celRules();
  const reported = reportedKinds(samples);
  const files: Record<string, string> = {};
  for (const policy of policies) {
    const check = checks[policy.id];
    if (!check === !NOT_EXPRESSIBLE[policy.id] || !check !== !cel[policy.id]) {
      throw new Error(`${policy.id}: say how Kyverno expresses it, in CEL and JMESPath, or why not`);
    }
    if (!check) continue;
    const canonical = reported.get(policy.id) ?? new Set();
    const kinds = modelKinds().filter((k) => canonical.has(k.canonical));
    files[`policies/${policy.id}.yaml`] = yamlFile(validatingPolicy(policy, kinds, cel[policy.id]),
      'policies/ and scripts/export-vap-rules.ts');
    files[`cluster-policies/${policy.id}.yaml`] = yamlFile(clusterPolicy(policy, kinds, check),
      'policies/ and scripts/export-kyverno-rules.ts');
    for (const sample of samples.filter((s) => s.id === policy.id)) {
      const dir = `tests/${policy.id}/${sample.name}`;
      files[`${dir}/kyverno-test.yaml`] = yamlFile(testOf(policy, sample, new Set(kinds.map((k) => k.kind))),
        'the samples of policies/ and the verdicts of policies/build/policy.wasm on them');
      files[`${dir}/resources.yaml`] = sampleCopy(sample, sample.documents.filter((d) => isKind(d, canonical)));
    }
  }
  files['README.md'] = kyvernoReadme(policies, Object.keys(checks), generatedHeader('', 'policies/ and scripts/export-kyverno*.ts'));
  return files;
}
