/**
 * What the ValidatingAdmissionPolicy parity suites compare: every object of every policy sample and parity
 * fixture, the verdict the WebAssembly engine (check's) gives it on the policies the export covers, and the
 * export's policies as written in policies/build/vap.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { projectCrds } from '../../scripts/crds';
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies } from '../../plugin/policy/engine';
import { ROOT } from './cli';

export const VAP = join(ROOT, 'policies', 'build', 'vap', 'policies');

export interface VapRule {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  operations: string[];
}

export interface Vap {
  apiVersion: string;
  kind: 'ValidatingAdmissionPolicy';
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    matchConstraints: { resourceRules: VapRule[] };
    matchConditions?: { name: string; expression: string }[];
    variables: { name: string; expression: string }[];
    validations: { expression: string; messageExpression: string; message: string }[];
  };
}

export interface VapBinding {
  kind: 'ValidatingAdmissionPolicyBinding';
  metadata: { name: string };
  spec: { policyName: string; validationActions: string[] };
}

/** The export's policies with the action of their binding, as written. */
export function exportedPolicies(): { policy: Vap; action: string }[] {
  return readdirSync(VAP).sort().map((file) => {
    const documents = parseAllDocuments(readFileSync(join(VAP, file), 'utf8')).map((d) => d.toJSON());
    const policy = documents.find((d) => d.kind === 'ValidatingAdmissionPolicy') as Vap;
    const binding = documents.find((d) => d.kind === 'ValidatingAdmissionPolicyBinding') as VapBinding;
    if (binding?.spec.policyName !== policy?.metadata.name) throw new Error(`${file}: a policy and its binding`);
    return { policy, action: binding.spec.validationActions.join(',') };
  });
}

/** The policy id a ValidatingAdmissionPolicy restates. */
export const policyId = (policy: Vap): string => policy.metadata.annotations['kubectl-iot.enmasse.io/policy'];

/** One fixture file: its objects in order. */
export interface Fixture {
  file: string;
  documents: KubeObject[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) && name !== 'kustomization.yaml' ? [path] : [];
  });
}

/** Every sample of every policy, the parity trees, the broken example and the admission fixture, file by file. */
export function vapFixtures(): Fixture[] {
  const policies = join(ROOT, 'policies');
  const samples = readdirSync(policies, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['lib', 'main', 'build'].includes(e.name))
    .flatMap((e) => yamlFiles(join(policies, e.name, 'samples')));
  const trees = ['test/fixtures/parity', 'test/fixtures/vap', 'examples/broken'].flatMap((d) => yamlFiles(join(ROOT, d)));
  return [...samples, ...trees].map((path) => ({
    file: relative(ROOT, path),
    documents: parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJSON() as KubeObject)
      .filter((d) => d !== null && typeof d === 'object'),
  }));
}

/** A verdict: "policy severity Kind namespace/name: message". */
export function verdict(policy: string, severity: string, object: KubeObject, message: string): string {
  return `${policy} ${severity} ${object.kind} ${object.metadata.namespace ?? 'default'}/${object.metadata.name}: ${message}`;
}

let engine: ReturnType<typeof loadPolicies> | undefined;

/**
 * check's verdicts on a fixture's objects for these policies, by document index: one per policy and object,
 * the first message in sorted order (admission reports one message per policy and object).
 */
export async function engineVerdicts(fixture: Fixture, ids: Set<string>, infraNamespace = 'enmasse-infra'): Promise<Map<number, string[]>> {
  engine ??= loadPolicies();
  const { findings } = (await engine).evaluate({ parameters: { infraNamespace }, resources: fixture.documents });
  const first = new Map<string, { index: number; policy: string; severity: string; message: string }>();
  for (const f of findings.filter((f) => ids.has(f.policy))) {
    const key = `${f.index} ${f.policy}`;
    const seen = first.get(key);
    if (!seen || f.message < seen.message) first.set(key, { index: f.index, policy: f.policy, severity: f.severity, message: f.message });
  }
  const byIndex = new Map<number, string[]>();
  for (const f of first.values()) {
    byIndex.set(f.index, [...(byIndex.get(f.index) ?? []), verdict(f.policy, f.severity, fixture.documents[f.index], f.message)].sort());
  }
  return byIndex;
}

/** The resource (group, version, plural) of an object whose kind the project ships a CRD for. */
export function resourceOf(object: KubeObject): { group: string; version: string; plural: string } | undefined {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  for (const { crd } of projectCrds()) {
    const spec = crd.spec as { group: string; names: { kind: string; plural: string }; versions: { name: string }[] };
    if (spec.group === group && spec.names.kind === object.kind && spec.versions.some((v) => v.name === version)) {
      return { group, version, plural: spec.names.plural };
    }
  }
  return undefined;
}

/** Whether a policy's matchConstraints select a create of this object. */
export function matches(policy: Vap, object: KubeObject): boolean {
  const resource = resourceOf(object);
  return resource !== undefined && policy.spec.matchConstraints.resourceRules.some((r) => r.apiGroups.includes(resource.group)
    && r.apiVersions.includes(resource.version) && r.resources.includes(resource.plural) && r.operations.includes('CREATE'));
}
