/**
 * Evaluation in namespace partitions (ARCHITECTURE "Cost follows the namespace"). Every namespaced rule of the pack
 * reads one namespace's objects plus the cluster-level ones (MessagingInfrastructures and IoTConfigs, wherever they
 * are) and that namespace's Namespace object. So the inventory is cut into batches of whole namespaces, sized by
 * bytes, each evaluated with the cluster-level objects on a reset WebAssembly heap (engine.ts): memory is bounded
 * by the largest batch, not by the repository. Findings about cluster-level objects are taken from the first batch only.
 * The merged answer is the one a single evaluation gives (buildReport sorts it completely).
 */
import { canonicalKind, CLUSTER_LEVEL_KINDS, type KubeObject } from '../model/kinds';
import type { PolicyParameters } from './types';
import type { RawReport } from './report';

/** One evaluation's input, and for each of its resources the position in the whole inventory. */
export interface Batch {
  resources: KubeObject[];
  positions: number[];
}

/** Default batch size: the JSON of one batch's namespaced objects (its heap is about 120 times that). */
export const BATCH_BYTES = 128 * 1024;

const CLUSTER_LEVEL = new Set<string>(CLUSTER_LEVEL_KINDS);

/** Cuts the inventory into batches of whole namespaces; objects outside the model are left out (the pack ignores them). */
export function partition(objects: KubeObject[], maxBytes = BATCH_BYTES): { batches: Batch[]; clusterLevel: Set<number> } {
  const clusterLevel: number[] = [];
  const byNamespace = new Map<string, number[]>();
  objects.forEach((object, position) => {
    const kind = canonicalKind(object.apiVersion, object.kind);
    if (kind === undefined) return;
    if (CLUSTER_LEVEL.has(kind)) {
      clusterLevel.push(position);
      return;
    }
    // A Namespace object belongs with the objects inside it: its labels decide their label selectors.
    const namespace = kind === 'Namespace' ? text(object.metadata.name, '') : text(object.metadata.namespace, 'default');
    const group = byNamespace.get(namespace);
    if (group) group.push(position);
    else byNamespace.set(namespace, [position]);
  });
  const batches: Batch[] = [];
  let current: number[] = [];
  let bytes = 0;
  const flush = () => {
    const positions = [...clusterLevel, ...current];
    batches.push({ positions, resources: positions.map((p) => objects[p]) });
    current = [];
    bytes = 0;
  };
  for (const namespace of [...byNamespace.keys()].sort()) {
    const group = byNamespace.get(namespace)!;
    const size = group.reduce((sum, p) => sum + approximateSize(objects[p]), 0);
    if (current.length > 0 && bytes + size > maxBytes) flush();
    current.push(...group);
    bytes += size;
  }
  if (current.length > 0 || batches.length === 0) flush();
  return { batches, clusterLevel: new Set(clusterLevel) };
}

/** Evaluates every batch with `evaluate` and merges the answers, with positions in the whole inventory. */
export function evaluateBatches(objects: KubeObject[], parameters: PolicyParameters,
  evaluate: (input: { parameters: PolicyParameters; resources: KubeObject[] }) => RawReport,
  maxBytes = BATCH_BYTES): RawReport {
  const { batches, clusterLevel } = partition(objects, maxBytes);
  const merged: RawReport = { projects: [], findings: [] };
  batches.forEach((batch, n) => {
    const raw = evaluate({ parameters, resources: batch.resources });
    mergeInto(merged, raw, batch, clusterLevel, n === 0);
  });
  return merged;
}

/** Adds one batch's answer: positions mapped back, findings on cluster-level objects only from the first batch. */
export function mergeInto(merged: RawReport, raw: RawReport, batch: Pick<Batch, 'positions'>, clusterLevel: Set<number>,
  first: boolean): void {
  for (const project of raw.projects) merged.projects.push({ ...project, index: batch.positions[project.index] });
  for (const finding of raw.findings) {
    const index = batch.positions[finding.index];
    if (first || !clusterLevel.has(index)) merged.findings.push({ ...finding, index });
  }
}

/** A name as the pack reads it (policies/lib/inventory: `text`, and "default" for a namespaced object without one). */
function text(value: unknown, missing: string): string {
  if (value === undefined || value === null || value === '') return missing;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The JSON size of an object, cheaply: its string leaves and keys (what dominates manifests), plus structure. */
function approximateSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 3;
  if (value === null || typeof value !== 'object') return 8;
  let size = 2;
  if (Array.isArray(value)) for (const item of value) size += approximateSize(item) + 1;
  else for (const [key, item] of Object.entries(value)) size += key.length + 4 + approximateSize(item);
  return size;
}
