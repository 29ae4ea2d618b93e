/**
 * The conftest export: the pack's own Rego modules, unchanged (conftest reads METADATA and Rego v1 as the
 * build does), plus scripts/exports/conftest.rego, the `package main` that feeds conftest's combined input to
 * policies.main and turns its findings into deny (errors) and warn (warnings).
 */
import { readFileSync } from 'node:fs';
import { generatedHeader, packModules, type PolicyMeta } from './export-sources';

const ADAPTER = 'scripts/exports/conftest.rego';

/** The files of the conftest export, by path inside policies/build/conftest/. */
export function conftestFiles(policies: PolicyMeta[]): Record<string, string> {
  const files: Record<string, string> = {
    'main.rego': generatedHeader('#', ADAPTER) + '\n' + readFileSync(ADAPTER, 'utf8'),
  };
  for (const module of packModules()) files[module.path] = generatedHeader('#', module.path) + '\n' + module.text;
  files['README.md'] = readme(policies);
  return files;
}

function readme(policies: PolicyMeta[]): string {
  const rows = policies.map((p) => `| \`${p.id}\` | ${p.severity === 'error' ? 'deny' : 'warn'} | ${p.title} |`);
  return `<!-- ${generatedHeader('', 'policies/ and scripts/exports/conftest.rego').trim()} -->
# kubectl-iot policies for conftest

The same Rego the plugin compiles to WebAssembly (\`policies/\`), with \`main.rego\` as conftest's entrypoint.
The policies need every manifest at once (a project in one file needs the tenant in another), so run:

\`\`\`sh
conftest test --combine --all-namespaces -p DIR manifests/*.yaml
\`\`\`

Without \`--combine\` every document is checked alone, and \`main\` reports exactly that. Each result's \`msg\`
reads \`<policy id>: <message>\`; \`-o json\` adds the policy id, severity, resource and remediation as
metadata. Errors are \`deny\`, warnings \`warn\` (from each policy's METADATA):

| policy | rule | title |
|---|---|---|
${rows.join('\n')}

The infrastructure namespace defaults to \`enmasse-infra\`; to change it pass a data document:
\`--data params.yaml\` with \`kubectl_iot: {parameters: {infraNamespace: infra}}\`.
Documents without a namespace count as \`default\`; kustomize overlays must be rendered first
(\`kubectl kustomize overlay | conftest test --combine -p DIR -\`).
`;
}
