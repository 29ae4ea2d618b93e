/** Evaluates an inventory with the policy pack and returns the `check` report. */
import type { LocatedObject } from '../gitops/read';
import type { KubeObject } from '../model/kinds';
import type { PolicyEngine } from './engine';
import { BATCH_BYTES, evaluateBatches } from './partition';
import { buildReport, type RawReport } from './report';
import type { CheckReport } from './types';

/** What the plugin passes to the policy pack besides the objects. */
export interface PolicyParameters {
  infraNamespace: string;
}

/** The part of the engine evaluation needs: any evaluator of the pack's input (the wasm one in production). */
export interface Evaluator {
  evaluate(input: { parameters: PolicyParameters; resources: KubeObject[] }): RawReport;
}

/**
 * Evaluates every object of the inventory as one cross-file whole, in namespace batches (see partition.ts) so that
 * memory stays bounded; the report is the one a single evaluation of everything gives.
 */
export function evaluateInventory(engine: Evaluator, inventory: LocatedObject[], parameters: PolicyParameters,
  batchBytes = BATCH_BYTES): CheckReport {
  const raw = evaluateBatches(inventory.map((l) => l.object), parameters, (input) => engine.evaluate(input), batchBytes);
  return buildReport(raw, inventory);
}

/** evaluateInventory on worker threads, one per core (large inventories: `check`). */
export async function evaluateInventoryParallel(engine: PolicyEngine, inventory: LocatedObject[],
  parameters: PolicyParameters, options: { batchBytes?: number; workers?: number } = {}): Promise<CheckReport> {
  const { evaluateParallel } = require('./pool') as typeof import('./pool');
  return buildReport(await evaluateParallel(engine, inventory.map((l) => l.object), parameters, options), inventory);
}

/** Loads the bundled WebAssembly policies (compiled once per process). Only commands that evaluate call this. */
export async function loadEvaluator(): Promise<PolicyEngine> {
  // A require inside the function: the engine's module runs only when a command evaluates (a dynamic import()
  // would do the same in the bundle but fails under tsx's CommonJS loader in tests).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadPolicies } = require('./engine') as typeof import('./engine');
  return loadPolicies();
}
