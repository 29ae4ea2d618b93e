/** The README of the Gatekeeper export: what is in it, how to install and verify it. */
import type { CanonicalKind } from '../plugin/model/kinds';
import { generatedHeader, type PolicyMeta, type Severity } from './export-sources';
import { constraintKind, enforcementAction } from './export-gatekeeper';

/** README.md of policies/build/gatekeeper/. */
export function gatekeeperReadme(policies: PolicyMeta[], reported: Map<string, Set<CanonicalKind>>,
  severities: Map<string, Severity[]>): string {
  const rows = policies.flatMap((p) => [undefined, ...(severities.get(p.id) ?? [])].map((other) =>
    `| \`${p.id}\`${other ? ` (${other}s)` : ''} | \`${constraintKind(p.id, other)}\` | ${enforcementAction(other ?? p.severity)} | `
    + `${[...(reported.get(p.id) ?? [])].sort().join(', ')} |`));
  return `<!-- ${generatedHeader('', 'policies/ and scripts/exports/gatekeeper.rego').trim()} -->
# kubectl-iot policies for Gatekeeper

One ConstraintTemplate per policy (\`templates/\`), its Constraint (\`constraints/\`) and the sync \`Config\`
(\`config.yaml\`) for the kinds the policies read. A Constraint has one enforcementAction, so the findings of a
policy that have another severity than the policy's own (a warning of an error policy) come from a second template
and Constraint of the same name, whose kind ends in that severity. Each template runs the policy's own Rego from
\`policies/\`, carried in \`libs\` (renamed from \`policies.*\` to \`lib.policies.*\`, Rego v1), on an
inventory built from \`data.inventory\` and the object under review.

| policy | Constraint kind | enforcementAction | reviewed kinds (and their aliases) |
|---|---|---|---|
${rows.join('\n')}

## Install

\`\`\`sh
kubectl apply -f config.yaml        # merge into your Config if gatekeeper-system already has one
kubectl apply -f templates/
kubectl apply -f constraints/       # once the templates' CRDs exist
\`\`\`

Verdicts about one object depend on others (a project needs its namespace's tenant), so they need the synced
cache: in admission an object is checked against what Gatekeeper has synced so far, and the audit reports
what changed later (for example a tenant deleted after its projects). Each review reads only its own
namespace, the cluster-scoped objects and the IoTConfigs and MessagingInfrastructures of all namespaces.
Apply \`config.yaml\` first: while Gatekeeper has synced nothing (\`data.inventory\` is empty), the policies that
read other objects cannot decide, and fail closed with a violation that says so; the policies one object
decides work without it. Gatekeeper keeps the first 256 bytes of a message in a Constraint's status.
Set \`spec.parameters.infraNamespace\` on a Constraint when the infrastructure is not in \`enmasse-infra\`.

## Verify

\`\`\`sh
gator verify suite.yaml                                       # every sample of every policy, exact messages
gator sync test -n templates/ -n config.yaml --force-omit-gvk-manifest
gator test -f templates/ -f constraints/ -f manifests/        # your own manifests
\`\`\`

\`suite.yaml\` reviews each object of the policies' samples (\`tests/\`) with the whole sample as
\`data.inventory\` and expects exactly the messages \`kubectl iot check\` reports for it.
`;
}
