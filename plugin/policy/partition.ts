/**
 * Evaluation in namespace partitions (ARCHITECTURE "Cost follows the namespace"). Every namespaced rule of the pack
 * reads one namespace's objects plus the cluster-level ones (MessagingInfrastructures and IoTConfigs, wherever they
 * are) and that namespace's Namespace object. So the inventory is cut into batches of whole namespaces, sized by
 * bytes, each evaluated with the cluster-level objects on a reset WebAssembly heap (engine.ts): memory is bounded
 * by the largest batch, not by the repository. Findings about cluster-level objects are taken from the first batch only.
 * The merged answer is the one a single evaluation gives (buildReport sorts it completely).
 */
import { canonicalKind, CLUSTER_LEVEL_KINDS } from '../model/kinds';
import { headOf, jsonOf, sizeOf } from './encoded';
import type { LocatedObject, PolicyParameters } from './types';
import type { RawReport } from './report';

/** One evaluation's resources, as their positions in the whole inventory. */
export interface Batch {
  positions: number[];
}

/** Default batch size: the JSON of one batch's namespaced objects (its heap is about 120 times that). */
export const BATCH_BYTES = 128 * 1024;

const CLUSTER_LEVEL = new Set<string>(CLUSTER_LEVEL_KINDS);

/**
 * Cuts the inventory into batches of whole namespaces; objects outside the model are left out (the pack ignores
 * them). Batches come in the report's order of namespaces (buildReport's localeCompare), so that the projects of
 * one batch after another are already in report order.
 */
export function partition(inventory: readonly LocatedObject[], maxBytes = BATCH_BYTES): { batches: Batch[]; clusterLevel: Set<number> } {
  const clusterLevel: number[] = [];
  const byNamespace = new Map<string, number[]>();
  inventory.forEach((located, position) => {
    const object = headOf(located);
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
    batches.push({ positions: [...clusterLevel, ...current] });
    current = [];
    bytes = 0;
  };
  let previous: string | undefined;
  for (const namespace of [...byNamespace.keys()].sort((a, b) => a.localeCompare(b))) {
    const group = byNamespace.get(namespace)!;
    const size = group.reduce((sum, p) => sum + sizeOf(inventory[p]), 0);
    // Two names localeCompare holds equal ("a\u0301", "\u00e1") are one place in the report's order, where their
    // projects interleave by name: they stay in one batch.
    const tied = previous !== undefined && previous.localeCompare(namespace) === 0;
    if (current.length > 0 && bytes + size > maxBytes && !tied) flush();
    current.push(...group);
    bytes += size;
    previous = namespace;
  }
  if (current.length > 0 || batches.length === 0) flush();
  return { batches, clusterLevel: new Set(clusterLevel) };
}

/**
 * A batch's evaluation input as JSON text: what JSON.stringify({parameters, resources}) gives, made of each
 * object's text (kept from the worker that parsed it, see encoded.ts), so no object is encoded twice.
 */
export function batchJson(inventory: readonly LocatedObject[], batch: Batch, parameters: PolicyParameters): string {
  return `{"parameters":${JSON.stringify(parameters)},"resources":[${batch.positions.map((p) => jsonOf(inventory[p])).join(',')}]}`;
}

/** Evaluates every batch with `evaluate` (a batch's input as JSON text) and merges the answers, with positions in the whole inventory. */
export function evaluateBatches(inventory: readonly LocatedObject[], parameters: PolicyParameters,
  evaluate: (json: string) => RawReport, maxBytes = BATCH_BYTES): RawReport {
  const { batches, clusterLevel } = partition(inventory, maxBytes);
  const merged: RawReport = { projects: [], findings: [] };
  batches.forEach((batch, n) => {
    const raw = evaluate(batchJson(inventory, batch, parameters));
    mergeInto(merged, raw, batch, clusterLevel, n === 0);
  });
  return merged;
}

/** Adds one batch's answer: positions mapped back, findings on cluster-level objects only from the first batch. */
export function mergeInto(merged: RawReport, raw: RawReport, batch: Batch, clusterLevel: Set<number>,
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
