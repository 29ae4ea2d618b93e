/**
 * Evaluates the batches of partition.ts on the worker threads of threads/pool.ts, each holding the module compiled
 * once in the main thread. The main thread encodes the next batch while the workers evaluate; at most two batches
 * per worker are in flight, so memory stays bounded by a few batches. Where there are no workers (the single
 * executable, one core), or when there is one batch, evaluation stays in this thread.
 */
import { startPool, threadCount, type ThreadPool } from '../threads/pool';
import { reportOf, type PolicyEngine } from './engine';
import type { LocatedObject, PolicyParameters } from './types';
import { BATCH_BYTES, batchJson, mergeInto, partition } from './partition';
import type { RawReport } from './report';

export interface ParallelOptions {
  batchBytes?: number;
  /** Workers to start when no pool is given (default: one per core). */
  workers?: number;
  /** Worker threads already started (check shares them with the reader); left running. */
  pool?: ThreadPool;
}

/** Evaluates `objects` in batches on worker threads and merges the answers as evaluateBatches does. */
export async function evaluateParallel(engine: PolicyEngine, inventory: readonly LocatedObject[], parameters: PolicyParameters,
  options: ParallelOptions = {}): Promise<RawReport> {
  const { batches, clusterLevel } = partition(inventory, options.batchBytes ?? BATCH_BYTES);
  const answers: RawReport[] = new Array(batches.length);
  const own = options.pool || batches.length < 2 ? undefined
    : startPool(engine.module, Math.min(threadCount(options.workers), batches.length));
  const pool = options.pool ?? own;
  try {
    if (!pool || batches.length < 2) {
      batches.forEach((batch, n) => {
        answers[n] = engine.evaluateJson(batchJson(inventory, batch, parameters));
      });
    } else {
      await runAll(pool, batches.length, (n) => batchJson(inventory, batches[n], parameters), answers);
    }
  } catch (error) {
    throw new Error(`policy evaluation failed: ${(error as Error).message.replace(/^policy evaluation failed: /, '')}`,
      { cause: error });
  } finally {
    await own?.close();
  }
  const merged: RawReport = { projects: [], findings: [] };
  answers.forEach((raw, n) => mergeInto(merged, raw, batches[n], clusterLevel, n === 0));
  return merged;
}

/** Runs every batch, keeping two per worker in flight, encoding each only when a worker is about to take it. */
async function runAll(pool: ThreadPool, total: number, encode: (n: number) => string, answers: RawReport[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < total) {
      const n = next++;
      answers[n] = reportOf(JSON.parse(await pool.run<string>({ op: 'evaluate', json: encode(n) })));
    }
  };
  await Promise.all(Array.from({ length: pool.size * 2 }, lane));
}
