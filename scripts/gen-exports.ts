// Writes the policy pack's exports for other engines into policies/build/<format>/ (committed; what
// `kubectl iot policies export` copies), all generated from the Rego in policies/ and its METADATA:
//   conftest/    the pack's modules plus a `package main` entrypoint for `conftest test --combine`
//   gatekeeper/  ConstraintTemplates (the modules as libs), Constraints, the sync Config, a `gator verify` suite
//   kyverno/     ValidatingPolicies (and deprecated ClusterPolicies) for the rules one object decides, kyverno-test.yaml files
//   vap/         ValidatingAdmissionPolicies and bindings for the rules one object decides (CEL)
//   wasm/        the README beside policy.wasm and policies.json (which scripts/build-policies.sh writes)
// Run after scripts/build-policies.sh (it reads policies/build/policies.json and evaluates policy.wasm):
//   node --require tsx/cjs scripts/gen-exports.ts
// Output is deterministic: CI regenerates and fails on `git diff --exit-code policies/build`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { conftestFiles } from './export-conftest';
import { gatekeeperFiles } from './export-gatekeeper';
import { gatekeeperReadme } from './export-gatekeeper-readme';
import { gatekeeperSuite } from './export-gatekeeper-suite';
import { kyvernoFiles } from './export-kyverno';
import { checkedSamples, otherSeverities, policyMetadata, reportedKinds } from './export-sources';
import { vapFiles } from './export-vap';
import { wasmFiles } from './export-wasm';

const OUT = join('policies', 'build');

/** Replaces the contents of `dir` with `files` (stale files from an earlier run are removed). */
function writeTree(dir: string, files: Record<string, string>): void {
  const present = (d: string): string[] => readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? present(join(d, e.name)) : [join(d, e.name)]));
  mkdirSync(dir, { recursive: true });
  for (const stale of present(dir).filter((f) => !(relative(dir, f) in files))) rmSync(stale);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

async function main(): Promise<void> {
  const policies = policyMetadata();
  const samples = await checkedSamples(policies.map((p) => p.id));
  const reported = reportedKinds(samples);
  const severities = otherSeverities(policies, samples);
  const formats: Record<string, Record<string, string>> = {
    conftest: conftestFiles(policies),
    gatekeeper: { ...gatekeeperFiles(policies, reported, severities), ...gatekeeperSuite(policies, samples, reported, severities),
      'README.md': gatekeeperReadme(policies, reported, severities) },
    kyverno: kyvernoFiles(policies, samples),
    vap: vapFiles(policies, samples),
    wasm: wasmFiles(policies),
  };
  for (const [format, files] of Object.entries(formats)) {
    writeTree(join(OUT, format), files);
    console.error(`gen-exports: ${Object.keys(files).length} files -> ${join(OUT, format)}/`);
  }
}

main().catch((error: unknown) => {
  console.error(`gen-exports: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
