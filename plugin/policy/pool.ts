/**
 * Evaluates the batches of partition.ts on worker threads, one per core, each with the module compiled once in
 * the main thread. The main thread encodes the next batch while the workers evaluate; at most two batches per
 * worker are in flight, so memory stays bounded by a few batches. Where workers cannot start (the single
 * executable, whose code is not a file), or when there is one batch, evaluation stays in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KubeObject } from '../model/kinds';
import type { PolicyEngine } from './engine';
import type { PolicyParameters } from './evaluate';
import { BATCH_BYTES, mergeInto, partition } from './partition';
import type { RawReport } from './report';

declare const KUBECTL_IOT_SEA: boolean | undefined;

/** The worker's script: the bundle's beside the CLI, or the source under tsx; undefined where there is none. */
function workerScript(): { file: string; execArgv: string[] } | undefined {
  if (typeof KUBECTL_IOT_SEA === 'boolean' && KUBECTL_IOT_SEA) return undefined;
  const bundled = join(__dirname, 'policy-worker.cjs');
  if (existsSync(bundled)) return { file: bundled, execArgv: [] };
  const source = join(__dirname, 'worker.ts');
  return existsSync(source) ? { file: source, execArgv: ['--require', 'tsx/cjs'] } : undefined;
}

/** How many workers: one per core (at most 8), never more than there are batches; 0 means this thread. */
export function workerCount(batches: number, requested?: number): number {
  const wanted = requested ?? Math.min(8, availableParallelism());
  return batches < 2 || wanted < 2 ? 0 : Math.min(wanted, batches);
}

/** Evaluates `objects` in batches on worker threads and merges the answers as evaluateBatches does. */
export async function evaluateParallel(engine: PolicyEngine, objects: KubeObject[], parameters: PolicyParameters,
  options: { batchBytes?: number; workers?: number } = {}): Promise<RawReport> {
  const { batches, clusterLevel } = partition(objects, options.batchBytes ?? BATCH_BYTES);
  const script = workerScript();
  const count = script ? workerCount(batches.length, options.workers) : 0;
  const answers: RawReport[] = new Array(batches.length);
  if (count === 0) {
    batches.forEach((batch, n) => {
      answers[n] = engine.evaluate({ parameters, resources: batch.resources });
    });
  } else {
    const workers = Array.from({ length: count }, () => new Worker(script!.file,
      { workerData: { module: engine.module }, execArgv: script!.execArgv }));
    try {
      const cursor = { value: 0 };
      await Promise.all(workers.map((worker) => drive(worker, cursor, batches.length, (n) =>
        JSON.stringify({ parameters, resources: batches[n].resources }), answers)));
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  }
  const merged: RawReport = { projects: [], findings: [] };
  answers.forEach((raw, n) => mergeInto(merged, raw, batches[n], clusterLevel, n === 0));
  return merged;
}

/** Feeds one worker batches (taken from the shared `cursor`) until none are left. */
function drive(worker: Worker, cursor: { value: number }, total: number, encode: (n: number) => string,
  answers: RawReport[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const inFlight = new Set<number>();
    const send = () => {
      while (inFlight.size < 2 && cursor.value < total) {
        const n = cursor.value++;
        inFlight.add(n);
        worker.postMessage({ id: n, json: encode(n) });
      }
      if (inFlight.size === 0) resolve();
    };
    worker.on('message', ({ id, raw, error }: { id: number; raw?: RawReport; error?: string }) => {
      if (error !== undefined || !raw) return reject(new Error(`policy evaluation failed: ${error ?? 'no answer'}`));
      answers[id] = raw;
      inFlight.delete(id);
      send();
    });
    worker.on('error', (error) => reject(new Error(`policy evaluation failed in a worker thread: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      if (inFlight.size > 0) reject(new Error(`policy evaluation failed: a worker thread exited (${code})`));
    });
    send();
  });
}
