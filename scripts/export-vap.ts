/**
 * The native admission export: for each policy one object decides (scripts/export-vap-rules.ts), a
 * ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, CEL) and its binding, Deny for an error, Warn for a
 * warning. Titles, descriptions and remediations come from METADATA; the message of a denial or warning is the
 * finding check reports, built by messageExpression.
 */
import { stringify } from 'yaml';
import { projectCrds } from './crds';
import { admissionScope, celRules, NOT_ADMISSIBLE, problemExpression, type CelRule } from './export-vap-rules';
import { generatedHeader, modelKinds, reportedKinds, yamlFile, type CheckedSample, type PolicyMeta } from './export-sources';

const API = 'admissionregistration.k8s.io/v1';

/** The name of a policy's ValidatingAdmissionPolicy and binding. */
export const vapName = (id: string): string => `kubectl-iot-${id}`;

/** What a binding does with a policy's failures. */
export const vapAction = (policy: PolicyMeta): 'Deny' | 'Warn' => (policy.severity === 'error' ? 'Deny' : 'Warn');

/** kind -> plural of every CRD the project ships. */
function plurals(): Map<string, string> {
  return new Map(projectCrds().map(({ crd }) => {
    const names = (crd.spec as { names: { kind: string; plural: string } }).names;
    return [names.kind, names.plural];
  }));
}

function policyObject(policy: PolicyMeta, rule: CelRule, kinds: { group: string; version: string; kind: string }[]) {
  const resources = plurals();
  const { operations, matchConditions } = admissionScope(rule);
  return {
    apiVersion: API,
    kind: 'ValidatingAdmissionPolicy',
    metadata: {
      name: vapName(policy.id),
      labels: { 'app.kubernetes.io/part-of': 'kubectl-iot' },
      annotations: {
        'kubectl-iot.enmasse.io/policy': policy.id,
        'kubectl-iot.enmasse.io/title': policy.title,
        'kubectl-iot.enmasse.io/severity': policy.severity,
        'kubectl-iot.enmasse.io/description': policy.description,
        'kubectl-iot.enmasse.io/remediation': policy.remediation,
      },
    },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: kinds.map((k) => ({
          apiGroups: [k.group], apiVersions: [k.version], resources: [resources.get(k.kind)], operations,
        })),
      },
      ...(matchConditions ? { matchConditions } : {}),
      variables: [...rule.variables.map(([name, expression]) => ({ name, expression })),
        { name: 'problem', expression: problemExpression(rule) }],
      validations: [{
        expression: 'variables.problem == \'\'',
        messageExpression: 'variables.problem',
        // Shown only if messageExpression fails.
        message: `${policy.title}: ${policy.description}`,
      }],
    },
  };
}

function bindingObject(policy: PolicyMeta) {
  return {
    apiVersion: API,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: vapName(policy.id), labels: { 'app.kubernetes.io/part-of': 'kubectl-iot' } },
    spec: { policyName: vapName(policy.id), validationActions: [vapAction(policy)] },
  };
}

/** The export, by path inside policies/build/vap/: policies/<id>.yaml (policy and binding) and README.md. */
export function vapFiles(policies: PolicyMeta[], samples: CheckedSample[], rules = celRules()): Record<string, string> {
  const reported = reportedKinds(samples);
  const files: Record<string, string> = {};
  for (const policy of policies) {
    const rule = rules[policy.id];
    if (!rule === !NOT_ADMISSIBLE[policy.id]) throw new Error(`${policy.id}: say how CEL expresses it, or why not`);
    if (!rule) continue;
    const canonical = reported.get(policy.id) ?? new Set();
    const kinds = modelKinds().filter((k) => canonical.has(k.canonical));
    if (kinds.length === 0) throw new Error(`${policy.id}: no sample shows which kinds it reports on`);
    files[`policies/${policy.id}.yaml`] = yamlFile(policyObject(policy, rule, kinds), 'policies/ and scripts/export-vap-rules.ts')
      + `---\n${stringify(bindingObject(policy), { lineWidth: 0 })}`;
  }
  files['README.md'] = readme(policies, rules);
  return files;
}

function readme(policies: PolicyMeta[], rules: Record<string, CelRule>): string {
  const expressed = policies.filter((p) => rules[p.id])
    .map((p) => `| \`${vapName(p.id)}\` | ${vapAction(p)} | ${p.title} |`);
  const missing = policies.filter((p) => !rules[p.id]).map((p) => `- \`${p.id}\`: ${NOT_ADMISSIBLE[p.id]}.`);
  return `<!-- ${generatedHeader('', 'policies/ and scripts/export-vap-rules.ts').trim()} -->
# kubectl-iot policies as ValidatingAdmissionPolicies

Native admission, no policy engine to install: Kubernetes 1.30 or later (\`admissionregistration.k8s.io/v1\`).
\`policies/<policy>.yaml\` holds a ValidatingAdmissionPolicy (CEL) and its ValidatingAdmissionPolicyBinding for
each policy that one object decides; the binding denies (error) or warns (warning), with the message
\`kubectl iot check\` gives for that object:

| ValidatingAdmissionPolicy and binding | action | title |
|---|---|---|
${expressed.join('\n')}

    kubectl apply -f DIR/policies/

Creates are reviewed, and updates that change spec where a policy reads it (names cannot change): an object
that predates the policies can still be labelled, and lose the finalizer its controller removes on deletion.
Kubernetes reports one message per policy and object: the first problem, as \`check\` does, and when a project
uses both removed downstream strategies, the first of them. None of these policies reads the infrastructure
namespace, so the export is the same for every \`--infra-namespace\`.

Not expressed: these policies need other objects than the one under review, which admission does not see
(or, for the password, a search CEL cannot make). Use \`kubectl iot check\`, the conftest or the Gatekeeper
export for them:

${missing.join('\n')}
`;
}
