/**
 * Evaluates the batches of partition.ts on the worker threads of threads/pool.ts, each holding the module compiled
 * once in the main thread. The main thread encodes the next batch while the workers evaluate; at most two batches
 * per worker are in flight, so memory stays bounded by a few batches. Where there are no workers (the single
 * executable, one core), or when there is one batch, evaluation stays in this thread.
 */
import { startPool, threadCount, type Task, type ThreadPool } from '../threads/pool';
import { CliError } from '../errors';
import { EncodedObject } from './encoded';
import { reportOf, type PolicyEngine } from './engine';
import type { LocatedObject, PolicyParameters } from './types';
import { BATCH_BYTES, batchJson, mergeInto, partition, type Batch } from './partition';
import type { RawReport } from './report';

export interface ParallelOptions {
  batchBytes?: number;
  /** Workers to start when no pool is given (default: one per core). */
  workers?: number;
  /** Worker threads already started (check shares them with the reader); left running. */
  pool?: ThreadPool;
  /**
   * Release each object once the batch that holds it is answered (see EncodedObject.release): for a caller that
   * is done with the inventory's objects after this evaluation, so that a large one shrinks as batches are done.
   */
  release?: boolean;
}

/** Evaluates `inventory` in batches on worker threads and merges the answers as evaluateBatches does. */
export async function evaluateParallel(engine: PolicyEngine, inventory: readonly LocatedObject[], parameters: PolicyParameters,
  options: ParallelOptions = {}): Promise<RawReport> {
  const merged: RawReport = { projects: [], findings: [] };
  await evaluateInOrder(engine, inventory, parameters, options, {
    here: (json) => engine.evaluateJson(json),
    task: (json) => ({ op: 'evaluate', json }),
    answer: (value) => reportOf(JSON.parse(value as string)),
  }, (raw, batch, n, clusterLevel) => mergeInto(merged, raw, batch, clusterLevel, n === 0));
  return merged;
}

/** What is done with one batch's JSON input: in this thread, or as a worker's task, whose value `answer` reads. */
export interface BatchWork<T> {
  here(json: string, batch: Batch, n: number, clusterLevel: Set<number>): T;
  task(json: string, batch: Batch, n: number, clusterLevel: Set<number>): Task;
  answer(value: unknown): T;
}

/**
 * Evaluates `inventory` in batches (on worker threads when there are several batches and workers can run) and
 * hands each batch's answer to `take` in batch order, which is the report's order of namespaces (partition.ts).
 * Answers that come back early wait for the ones before them.
 */
export async function evaluateInOrder<T>(engine: PolicyEngine, inventory: readonly LocatedObject[], parameters: PolicyParameters,
  options: ParallelOptions, work: BatchWork<T>, take: (answer: T, batch: Batch, n: number, clusterLevel: Set<number>) => void): Promise<void> {
  const { batches, clusterLevel } = partition(inventory, options.batchBytes ?? BATCH_BYTES);
  const own = options.pool || batches.length < 2 ? undefined
    : startPool(engine.module, Math.min(threadCount(options.workers), batches.length));
  const pool = options.pool ?? own;
  const early = new Map<number, T>();
  let taken = 0;
  const answer = (n: number, value: T) => {
    early.set(n, value);
    for (let next = early.get(taken); next !== undefined; next = early.get(taken)) {
      early.delete(taken);
      take(next, batches[taken], taken, clusterLevel);
      if (options.release) release(inventory, batches[taken], clusterLevel);
      taken++;
    }
  };
  const json = (n: number) => batchJson(inventory, batches[n], parameters);
  try {
    if (!pool || batches.length < 2) {
      batches.forEach((batch, n) => answer(n, work.here(json(n), batch, n, clusterLevel)));
    } else {
      await runAll(pool, batches.length, (n) => work.task(json(n), batches[n], n, clusterLevel), (n, value) => answer(n, work.answer(value)));
    }
  } catch (error) {
    if (error instanceof CliError) throw error; // the caller's own words (take's), not the engine's failure
    throw new Error(`policy evaluation failed: ${(error as Error).message.replace(/^policy evaluation failed: /, '')}`,
      { cause: error });
  } finally {
    await own?.close();
  }
}

/** Runs every batch, keeping two per worker in flight, making each task only when a worker is about to take it. */
async function runAll(pool: ThreadPool, total: number, task: (n: number) => Task,
  answer: (n: number, value: unknown) => void): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < total) {
      const n = next++;
      answer(n, await pool.run<unknown>(task(n)));
    }
  };
  await Promise.all(Array.from({ length: pool.size * 2 }, lane));
}

/** Releases the objects of an answered batch, except the cluster-level ones, which every batch holds. */
function release(inventory: readonly LocatedObject[], batch: Batch, clusterLevel: Set<number>): void {
  for (const position of batch.positions) {
    const located = inventory[position];
    if (located instanceof EncodedObject && !clusterLevel.has(position)) located.release();
  }
}
