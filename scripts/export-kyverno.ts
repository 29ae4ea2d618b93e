/**
 * The Kyverno export: a ClusterPolicy per policy Kyverno can express (scripts/export-kyverno-rules.ts), and
 * for every sample of such a policy a kyverno-test.yaml expecting, object by object, the verdict the plugin's
 * WebAssembly module gives on that sample.
 */
import type { ClusterPolicy, KyvernoTest, TestResult } from '../plugin/policy/kyverno-types';
import { kyvernoChecks, NOT_EXPRESSIBLE } from './export-kyverno-rules';
import { generatedHeader, isKind, modelKinds, reportedKinds, sampleCopy, yamlFile, type CheckedSample,
  type PolicyMeta } from './export-sources';

/** The ClusterPolicy of a policy; it matches every served version of the kinds the policy reports on. */
export function clusterPolicy(policy: PolicyMeta, kinds: string[], check: ReturnType<typeof kyvernoChecks>[string]): ClusterPolicy {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name: policy.id,
      annotations: {
        'policies.kyverno.io/title': policy.title,
        'policies.kyverno.io/category': 'kubectl-iot',
        'policies.kyverno.io/severity': policy.severity === 'error' ? 'high' : 'medium',
        'policies.kyverno.io/subject': [...new Set(kinds.map((k) => k.split('/').pop()))].join(', '),
        'policies.kyverno.io/description': policy.description,
        'kubectl-iot.enmasse.io/remediation': policy.remediation,
      },
    },
    spec: {
      background: true,
      rules: [{
        name: policy.id,
        match: { any: [{ resources: { kinds } }] },
        validate: {
          message: `${policy.title}: ${policy.description}`,
          failureAction: policy.severity === 'error' ? 'Enforce' : 'Audit',
          ...check,
        },
      }],
    },
  };
}

function testOf(policy: PolicyMeta, sample: CheckedSample, kinds: Set<string>): KyvernoTest {
  const results = new Map<string, TestResult>();
  sample.documents.forEach((document, index) => {
    if (!kinds.has(document.kind)) return;
    const failed = sample.findings.some((f) => f.policy === policy.id && f.index === index);
    const key = `${document.kind}/${failed}`;
    if (!results.has(key)) {
      results.set(key, { policy: policy.id, rule: policy.id, kind: document.kind, resources: [], result: failed ? 'fail' : 'pass' });
    }
    const { name, namespace } = document.metadata;
    results.get(key)?.resources.push(namespace ? `${namespace}/${name}` : String(name));
  });
  return {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Test',
    metadata: { name: `${policy.id}-${sample.name}` },
    policies: [`../../../policies/${policy.id}.yaml`],
    resources: ['resources.yaml'],
    results: [...results.values()],
  };
}

/** The Kyverno export, by path inside policies/build/kyverno/. */
export function kyvernoFiles(policies: PolicyMeta[], samples: CheckedSample[]): Record<string, string> {
  const checks = kyvernoChecks();
  const reported = reportedKinds(samples);
  const files: Record<string, string> = {};
  for (const policy of policies) {
    const check = checks[policy.id];
    if (!check === !NOT_EXPRESSIBLE[policy.id]) throw new Error(`${policy.id}: say how Kyverno expresses it, or why not`);
    if (!check) continue;
    const canonical = reported.get(policy.id) ?? new Set();
    const gvks = modelKinds().filter((k) => canonical.has(k.canonical));
    files[`policies/${policy.id}.yaml`] = yamlFile(clusterPolicy(policy, gvks.map((k) => `${k.group}/${k.version}/${k.kind}`), check));
    for (const sample of samples.filter((s) => s.id === policy.id)) {
      const dir = `tests/${policy.id}/${sample.name}`;
      files[`${dir}/kyverno-test.yaml`] = yamlFile(testOf(policy, sample, new Set(gvks.map((k) => k.kind))),
        'the samples of policies/ and the verdicts of policies/build/policy.wasm on them');
      files[`${dir}/resources.yaml`] = sampleCopy(sample, sample.documents.filter((d) => isKind(d, canonical)));
    }
  }
  files['README.md'] = readme(policies, checks);
  return files;
}

function readme(policies: PolicyMeta[], checks: Record<string, unknown>): string {
  const expressed = policies.filter((p) => checks[p.id]).map((p) => `| \`${p.id}\` | ${p.severity === 'error' ? 'Enforce' : 'Audit'} | ${p.title} |`);
  const missing = policies.filter((p) => !checks[p.id]).map((p) => `- \`${p.id}\`: ${NOT_EXPRESSIBLE[p.id]}.`);
  return `<!-- ${generatedHeader('', 'policies/ and scripts/export-kyverno-rules.ts').trim()} -->
# kubectl-iot policies for Kyverno

ClusterPolicies (\`policies/\`, Kyverno 1.13 or later for \`validate.failureAction\`) for the policies that
decide on one object alone, with messages, titles and severities from the Rego METADATA:

| policy | failureAction | title |
|---|---|---|
${expressed.join('\n')}

\`tests/<policy>/<sample>/kyverno-test.yaml\` expects, for every object of the policy's samples, the verdict
\`kubectl iot check\` gives: \`kyverno test tests/\`. Kyverno reports one result per rule and object, where
\`check\` may name several problems of the same object.

Not expressed: these policies need other objects than the one under review, which Kyverno can only fetch
from a live cluster (\`context.apiCall\`), not from the manifests a pre-merge check sees. Use the conftest
or Gatekeeper export, or \`kubectl iot check\`, for them:

${missing.join('\n')}
`;
}
