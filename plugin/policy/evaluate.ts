/** Evaluates an inventory with the policy pack and returns the `check` report. */
import { InputError } from '../errors';
import { EncodedObject } from './encoded';
import type { PolicyEngine } from './engine';
import type { ParallelOptions } from './pool';
import { BATCH_BYTES, evaluateBatches, mergeInto } from './partition';
import { buildReport, compareFindings, summarize, type RawReport } from './report';
import type { CheckReport, Finding, LocatedObject, PolicyParameters, ProjectStatus } from './types';

export type { PolicyParameters } from './types';

/** The part of the engine evaluation needs (one interface, the engine's: tests may pass any evaluator of it). */
export type Evaluator = Pick<PolicyEngine, 'evaluateJson'>;

/**
 * Evaluates every object of the inventory as one cross-file whole, in namespace batches (see partition.ts) so that
 * memory stays bounded; the report is the one a single evaluation of everything gives.
 */
export function evaluateInventory(engine: Evaluator, inventory: LocatedObject[], parameters: PolicyParameters,
  batchBytes = BATCH_BYTES): CheckReport {
  try {
    const raw = evaluateBatches(inventory, parameters, (json) => engine.evaluateJson(json), batchBytes);
    return buildReport(raw, inventory);
  } catch (error) {
    throw inputProblem(inventory) ?? error;
  }
}

/** evaluateInventory on worker threads, one per core (large inventories: `check`). */
export async function evaluateInventoryParallel(engine: PolicyEngine, inventory: LocatedObject[],
  parameters: PolicyParameters, options: ParallelOptions = {}): Promise<CheckReport> {
  const { evaluateParallel } = require('./pool') as typeof import('./pool');
  try {
    return buildReport(await evaluateParallel(engine, inventory, parameters, options), inventory);
  } catch (error) {
    throw inputProblem(inventory) ?? error;
  }
}

/** What evaluateInventoryStreamed keeps: the report without its projects, which went to `onProjects`. */
export type StreamedReport = Omit<CheckReport, 'projects'>;

/**
 * evaluateInventoryParallel for a report too large to hold: each batch's projects go to `onProjects` as soon as
 * the batches before it are done, sorted and with their sources, so that one call after another gives the
 * report's list of projects in its order (batches come in the report's order of namespaces, see partition.ts).
 * The findings, which are few, are kept and sorted as buildReport sorts them.
 */
export async function evaluateInventoryStreamed(engine: PolicyEngine, inventory: LocatedObject[],
  parameters: PolicyParameters, options: ParallelOptions, onProjects: (projects: ProjectStatus[]) => void): Promise<StreamedReport> {
  const { evaluateInOrder } = require('./pool') as typeof import('./pool');
  const results: Finding[] = [];
  let projects = 0;
  try {
    await evaluateInOrder(engine, inventory, parameters, options, (raw, batch, n, clusterLevel) => {
      const merged: RawReport = { projects: [], findings: [] };
      mergeInto(merged, raw, batch, clusterLevel, n === 0);
      const part = buildReport(merged, inventory);
      projects += part.projects.length;
      for (const finding of part.results) results.push(finding);
      if (part.projects.length > 0) onProjects(part.projects);
    });
  } catch (error) {
    throw inputProblem(inventory) ?? error;
  }
  results.sort(compareFindings);
  return { summary: summarize(inventory.length, projects, results), results };
}

/** A lone UTF-16 surrogate (JSON.stringify escapes only those): text that is not Unicode, which the pack refuses. */
const LONE_SURROGATE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * When evaluation fails, the input objects that explain it, as one error naming their files: today, strings
 * holding lone surrogates (`"\ud800"` is valid YAML and JSON, but not Unicode). Undefined when none is found.
 */
function inputProblem(inventory: LocatedObject[]): InputError | undefined {
  // Released objects were evaluated without failing: they are not the cause.
  const problems = inventory.filter((located) => !(located instanceof EncodedObject && located.released))
    .filter(({ object }) => LONE_SURROGATE.test(JSON.stringify(object))).map(({ object, source }) =>
    `${source ? `${source.file}:${source.line}: ` : ''}${object.kind} ${object.metadata?.name ?? ''}: a string holds a lone ` +
    'surrogate escape (\\ud800-\\udfff), which is not Unicode; write the character itself or remove it');
  return problems.length > 0 ? new InputError(problems) : undefined;
}

/** Loads the bundled WebAssembly policies (compiled once per process). Only commands that evaluate call this. */
export async function loadEvaluator(): Promise<PolicyEngine> {
  // A require inside the function: the engine's module runs only when a command evaluates (a dynamic import()
  // would do the same in the bundle but fails under tsx's CommonJS loader in tests).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadPolicies } = require('./engine') as typeof import('./engine');
  return loadPolicies();
}
