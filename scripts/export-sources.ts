/**
 * What the policy exports are generated from (scripts/gen-exports.ts): the pack's Rego modules, the METADATA
 * catalog the build writes (policies/build/policies.json), the samples of each policy, the kinds of the model
 * (from the CRDs the model generates), and the verdicts of the WebAssembly module on the samples.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { projectCrds } from './crds';
import { canonicalKind, DEFAULT_INFRA_NAMESPACE, type CanonicalKind, type KubeObject } from '../plugin/model/kinds';
import { CATALOG_FILE, readCatalog } from '../plugin/policy/catalog';
import { loadPolicies, type RawFinding } from '../plugin/policy/engine';
import type { PolicyInfo, Severity } from '../plugin/policy/types';

export type { Severity };

export const POLICIES = 'policies';
export const INFRA_PARAMETERS = { infraNamespace: DEFAULT_INFRA_NAMESPACE };

/** A policy's METADATA: the plugin's type for an entry of policies.json, read by the plugin's reader. */
export type PolicyMeta = PolicyInfo;

/** Every policy's METADATA, sorted by id (run from the repository root). */
export function policyMetadata(): PolicyMeta[] {
  return readCatalog(CATALOG_FILE);
}

/** One Rego module of the pack; `path` is relative to the repository root. */
export interface RegoModule {
  path: string;
  text: string;
}

/** The modules the WebAssembly build compiles: lib (without the test fixtures), every policy and main. */
export function packModules(): RegoModule[] {
  const modules: RegoModule[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !['build', 'samples', 'testing'].includes(entry.name)) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.rego') && !entry.name.endsWith('_test.rego')) {
        modules.push({ path, text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(POLICIES);
  return modules;
}

/** A sample manifest of a policy: `name` is its file name without `.yaml`. */
export interface Sample {
  id: string;
  name: string;
  path: string;
  documents: KubeObject[];
}

/** The samples of every policy, by id then file name. */
export function policySamples(ids: string[]): Sample[] {
  return ids.flatMap((id) => {
    const dir = join(POLICIES, id, 'samples');
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((file) => ({
      id,
      name: file.replace(/\.yaml$/, ''),
      path: join(dir, file),
      documents: parseAllDocuments(readFileSync(join(dir, file), 'utf8'))
        .map((d) => d.toJSON() as KubeObject | null)
        .filter((d): d is KubeObject => d !== null && typeof d === 'object'),
    }));
  });
}

/** A sample with the findings the plugin's WebAssembly module reports on it (`index` is into `documents`). */
export interface CheckedSample extends Sample {
  findings: RawFinding[];
}

/** The samples of every policy, each evaluated by the WebAssembly module as `kubectl iot check` does. */
export async function checkedSamples(ids: string[]): Promise<CheckedSample[]> {
  const engine = await loadPolicies();
  return policySamples(ids).map((sample) => ({
    ...sample,
    findings: engine.evaluate({ parameters: INFRA_PARAMETERS, resources: sample.documents }).findings,
  }));
}

/** The kinds each policy reports on, as its samples show them (canonical kinds, by policy id). */
export function reportedKinds(samples: CheckedSample[]): Map<string, Set<CanonicalKind>> {
  const kinds = new Map<string, Set<CanonicalKind>>();
  for (const sample of samples) {
    for (const finding of sample.findings) {
      const kind = canonicalKind(finding.resource.apiVersion, finding.resource.kind);
      if (!kind) throw new Error(`${sample.path}: ${finding.policy} reports on ${finding.resource.kind}, outside the model`);
      if (!kinds.has(finding.policy)) kinds.set(finding.policy, new Set());
      kinds.get(finding.policy)?.add(kind);
    }
  }
  return kinds;
}

/**
 * The severities each policy's findings have on its samples besides the policy's own (a finding may carry another
 * one: project-requires-iot-infrastructure warns when a namespace's labels are unknown), by policy id.
 */
export function otherSeverities(policies: PolicyMeta[], samples: CheckedSample[]): Map<string, Severity[]> {
  const other = new Map<string, Severity[]>();
  for (const policy of policies) {
    const found = new Set(samples.flatMap((s) => s.findings).filter((f) => f.policy === policy.id).map((f) => f.severity));
    found.delete(policy.severity);
    if (found.size > 0) other.set(policy.id, [...found].sort());
  }
  return other;
}

/** Whether a document is one of these canonical kinds. */
export function isKind(document: KubeObject, kinds: Set<CanonicalKind>): boolean {
  const kind = canonicalKind(document.apiVersion, document.kind);
  return kind !== undefined && kinds.has(kind);
}

/** A served version of a kind of the model, and the canonical kind it counts as. */
export interface ModelKind {
  group: string;
  version: string;
  kind: string;
  canonical: CanonicalKind;
}

/** Every group/version/kind the pack reads: the project's CRDs (aliases included) and Namespace. */
export function modelKinds(): ModelKind[] {
  const kinds: ModelKind[] = [{ group: '', version: 'v1', kind: 'Namespace', canonical: 'Namespace' }];
  for (const { crd } of projectCrds()) {
    const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; served: boolean }[] };
    for (const version of spec.versions.filter((v) => v.served)) {
      const canonical = canonicalKind(`${spec.group}/${version.name}`, spec.names.kind);
      if (!canonical) throw new Error(`the pack does not read ${spec.names.kind} ${spec.group}/${version.name}`);
      kinds.push({ group: spec.group, version: version.name, kind: spec.names.kind, canonical });
    }
  }
  return kinds.sort((a, b) => `${a.group}/${a.kind}/${a.version}`.localeCompare(`${b.group}/${b.kind}/${b.version}`));
}

/** The value of a Rego rule, evaluated by opa on the pack's sources (for constants other formats need). */
export function regoValue(ref: string): unknown {
  const out = execFileSync('opa', ['eval', '--format', 'json', '-d', POLICIES, '--ignore', 'samples', '--ignore', 'build',
    '--ignore', '*.json', '--ignore', '*.md', ref], { encoding: 'utf8' });
  const value = (JSON.parse(out) as { result?: { expressions: { value: unknown }[] }[] }).result?.[0]?.expressions[0]?.value;
  if (value === undefined) throw new Error(`${ref} is undefined in ${POLICIES}/`);
  return value;
}

/** YAML of these documents, marked as copied from a sample. */
export function sampleCopy(sample: Sample, documents: KubeObject[]): string {
  return `# Copied from ${sample.path} by scripts/gen-exports.ts: do not edit (npm run generate).\n`
    + documents.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** YAML of a generated object, with the generated-file header. */
export function yamlFile(value: unknown, from?: string): string {
  return generatedHeader('#', from) + stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The header that marks a generated file, as a comment with `prefix`. */
export function generatedHeader(prefix: string, from = 'the Rego in policies/'): string {
  return `${prefix} Generated by scripts/gen-exports.ts from ${from}: do not edit (npm run generate).\n`;
}
