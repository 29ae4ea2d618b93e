/** Evaluates an inventory with the policy pack and returns the `check` report. */
import { InputError } from '../errors';
import { EncodedObject } from './encoded';
import type { PolicyEngine } from './engine';
import type { ParallelOptions } from './pool';
import { renderedPart } from './batch-report';
import { BATCH_BYTES, evaluateBatches, type Batch } from './partition';
import { buildReport, compareFindings, summarize } from './report';
import type { BatchFormat, CheckReport, Finding, LocatedObject, PolicyParameters, ProjectStatus } from './types';

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

/** What evaluateInventoryStreamed keeps: the report without its projects, which went to the sink as text. */
export type StreamedReport = Omit<CheckReport, 'projects'>;

/** A piece of text a worker thread wrote into a file: its bytes from `offset`. */
export interface Segment {
  file: string;
  offset: number;
  length: number;
}

/** One batch's part of a streamed report: its projects' text (or where a worker wrote it) and its findings. */
export interface RenderedBatch {
  projects: number;
  results: Finding[];
  /** What the whole report needs of this batch's written projects (output/batch-render.ts). */
  facts: number[];
  text?: string;
  segment?: Segment;
}

/** Where evaluateInventoryStreamed puts the projects' text (output/spool.ts's TextSpool, in check). */
export interface ProjectSink {
  /** How workers write the projects (output/batch-render.ts's format), and how this thread does. */
  format: BatchFormat;
  render(projects: ProjectStatus[]): { text: string; facts: number[] };
  /** The folder worker threads write their text into (see output/spool.ts); undefined: they send it back. */
  folderForWorkers(): string | undefined;
  add(text: string, facts: number[]): void;
  addSegment(segment: Segment, facts: number[]): void;
}

/**
 * evaluateInventoryParallel for a report too large to hold: each batch's part (batch-report.ts) is made where the
 * batch is evaluated, and its projects' text goes to `sink` in batch order, which is the report's order
 * (partition.ts), so the texts, joined by ",\n", are the report's list of projects. On worker threads the main
 * thread never holds a batch's projects as objects: it passes their text on, or only where a worker wrote it.
 * The findings, which are few, are kept and sorted as buildReport sorts them.
 */
export async function evaluateInventoryStreamed(engine: PolicyEngine, inventory: LocatedObject[],
  parameters: PolicyParameters, options: ParallelOptions, sink: ProjectSink): Promise<StreamedReport> {
  const { evaluateInOrder } = require('./pool') as typeof import('./pool');
  const results: Finding[] = [];
  let projects = 0;
  const sources = (batch: Batch) => batch.positions.map((p) => inventory[p].source);
  try {
    await evaluateInOrder<RenderedBatch>(engine, inventory, parameters, options, {
      here: (json, batch, n, clusterLevel) =>
        renderedPart(engine.evaluateJson(json), sources(batch), clusterLevel.size, n === 0, sink.render),
      task: (json, batch, n, clusterLevel) => ({ op: 'report', json, sources: sources(batch), clusterCount: clusterLevel.size,
        first: n === 0, folder: sink.folderForWorkers(), format: sink.format }),
      answer: (value) => value as RenderedBatch,
    }, (rendered) => {
      projects += rendered.projects;
      for (const finding of rendered.results) results.push(finding);
      if (rendered.segment) sink.addSegment(rendered.segment, rendered.facts);
      else sink.add(rendered.text ?? '', rendered.facts);
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
