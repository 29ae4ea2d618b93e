/** The README of the Kyverno export (policies/build/kyverno/README.md): its forms, the Kyverno versions each needs, what it leaves out. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_EXPRESSIBLE } from './export-kyverno-rules';
import type { PolicyMeta } from './export-sources';
import { KYVERNO_FORMS } from './kyverno-types';

/** The Kyverno CLI the tests run, as scripts/tools.env pins it. */
function testedVersion(): string {
  const pin = /^KYVERNO_VERSION=(\S+)$/m.exec(readFileSync(join('scripts', 'tools.env'), 'utf8'));
  if (!pin) throw new Error('scripts/tools.env pins no KYVERNO_VERSION');
  return pin[1];
}

export function kyvernoReadme(policies: PolicyMeta[], expressed: string[], header: string): string {
  const rows = policies.filter((p) => expressed.includes(p.id))
    .map((p) => `| \`${p.id}\` | ${p.severity === 'error' ? '`Deny`' : '`Audit`, `Warn`'} | ${p.severity === 'error' ? 'Enforce' : 'Audit'} | ${p.title} |`);
  const missing = policies.filter((p) => !expressed.includes(p.id)).map((p) => `- \`${p.id}\`: ${NOT_EXPRESSIBLE[p.id]}.`);
  const forms = KYVERNO_FORMS.map((f) => `| \`${f.folder}/\` | ${f.kind} (\`${f.apiVersion}\`) | ${f.cluster} | ${f.cli} |`);
  return `<!-- ${header.trim()} -->
# kubectl-iot policies for Kyverno

The policies that decide on one object alone, in two forms, with titles and severities from the Rego METADATA.
The ValidatingPolicy is the CEL of the native admission export (\`--format vap\`) and fails with the message
\`kubectl iot check\` gives for the object (the first problem, as \`check\` reports one cause per finding); the
ClusterPolicy's message is the policy's title and description.

| folder | kind | Kyverno in a cluster | Kyverno CLI on manifests |
|---|---|---|---|
${forms.join('\n')}

The tests run both forms in the Kyverno CLI ${testedVersion()} (\`kyverno test\`, and \`kyverno apply\` against \`check\` on
every sample and fixture); the cluster bounds are the releases that brought each API, not run here. Install one
form, not both: \`kubectl apply -f policies/\` (or \`-f cluster-policies/\` on Kyverno before 1.17).

| policy | ValidatingPolicy \`validationActions\` | ClusterPolicy \`failureAction\` | title |
|---|---|---|---|
${rows.join('\n')}

\`tests/<policy>/<sample>/kyverno-test.yaml\` expects of both forms, for every object of the policy's samples, the
verdict \`kubectl iot check\` gives: \`kyverno test tests/\`. Kyverno reports one result per policy and object, where
\`check\` may name several problems of the same object (both removed downstream strategies of one project).

Not expressed: these policies need other objects than the one under review, which Kyverno can only fetch
from a live cluster (\`context.apiCall\`, or \`resource.List\` in CEL), not from the manifests a pre-merge check
sees. Use the conftest or Gatekeeper export, or \`kubectl iot check\`, for them:

${missing.join('\n')}
`;
}
