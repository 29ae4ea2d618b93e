// Writes policies/build/policies.json, the catalog `kubectl iot policies list` and the printers read, from
// the package METADATA that `opa inspect -a --format json <bundle>` reports (opa build only copies the
// entrypoint's annotations into the bundle's .manifest, not those of the policy packages). Also checks the
// layout: one folder per policy named after custom.id, with its tests and samples.
// Usage: node scripts/policy-catalog.mjs INSPECT_JSON OUTPUT_JSON   (run from the repository root)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [inspectPath, outputPath] = process.argv.slice(2);
if (!inspectPath || !outputPath) {
  console.error('usage: policy-catalog.mjs INSPECT_JSON OUTPUT_JSON');
  process.exit(2);
}

const problems = [];
const inspected = JSON.parse(readFileSync(inspectPath, 'utf8'));
const policies = [];
for (const { annotations, path } of inspected.annotations ?? []) {
  const segments = path.slice(1).map((segment) => segment.value);
  // Policies are the packages policies["<id>"]; lib and main are code, not policies.
  if (annotations.scope !== 'package' || segments.length !== 2 || segments[0] !== 'policies') continue;
  if (segments[1] === 'main') continue;
  const folder = segments[1];
  const custom = annotations.custom ?? {};
  const policy = {
    id: custom.id,
    title: annotations.title,
    description: annotations.description,
    severity: custom.severity,
    // What decides a verdict: the object alone, or other objects of the inventory too (engines that see one
    // object, or whose inventory may be missing, treat the two differently).
    scope: custom.scope,
    ...(custom.condition ? { condition: custom.condition } : {}),
    ...(custom.recovery ? { recovery: custom.recovery } : {}),
    remediation: custom.remediation,
    ...(custom.remediations ? { remediations: custom.remediations } : {}),
  };
  if (policy.id !== folder) problems.push(`policies/${folder}: custom.id is ${policy.id}, expected ${folder}`);
  if (!['error', 'warning'].includes(policy.severity)) problems.push(`${folder}: custom.severity must be error or warning`);
  if (!['object', 'inventory'].includes(policy.scope)) problems.push(`${folder}: custom.scope must be object or inventory`);
  for (const field of ['title', 'description', 'remediation']) {
    if (typeof policy[field] !== 'string' || policy[field] === '') problems.push(`${folder}: ${field} is missing`);
  }
  const dir = join('policies', folder);
  for (const file of [`${folder}.rego`, `${folder}_test.rego`]) {
    if (!existsSync(join(dir, file))) problems.push(`${dir}: ${file} is missing`);
  }
  const samples = existsSync(join(dir, 'samples')) ? readdirSync(join(dir, 'samples')) : [];
  if (!samples.some((f) => f.startsWith('allowed')) || !samples.some((f) => f.startsWith('denied'))) {
    problems.push(`${dir}/samples: needs allowed*.yaml and denied*.yaml`);
  }
  policies.push(policy);
}

const folders = readdirSync('policies', { withFileTypes: true })
  .filter((e) => e.isDirectory() && !['lib', 'main', 'build'].includes(e.name))
  .map((e) => e.name);
for (const folder of folders) {
  if (!policies.some((p) => p.id === folder)) problems.push(`policies/${folder}: no package METADATA with custom.id`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`policy-catalog: ${problem}`);
  process.exit(1);
}

policies.sort((a, b) => (a.id < b.id ? -1 : 1));
const catalog = {
  generated: 'by scripts/build-policies.sh from the METADATA of policies/*/*.rego; do not edit',
  entrypoint: 'policies/main/report',
  // The OPA that compiled policy.wasm (`kubectl iot version` shows it); build-policies.sh passes it.
  ...(process.env.KUBECTL_IOT_OPA_VERSION ? { opa: process.env.KUBECTL_IOT_OPA_VERSION } : {}),
  policies,
};
writeFileSync(outputPath, `${JSON.stringify(catalog, null, 2)}\n`);
console.error(`policy-catalog: ${policies.length} policies -> ${outputPath}`);
