/**
 * The worker threads of `check`: one per core (at most 8), started once and shared by its two heavy steps, reading
 * and parsing files (gitops/read.ts) and evaluating batches (policy/pool.ts), so neither pays for starting threads
 * and both use every core. Each worker gets the policy module compiled once in this thread. A task goes to the
 * worker with the fewest tasks in flight; answers come back in any order and are matched by id.
 * In the single executable the worker's code is its asset worker.cjs, run as code (it is no file). Where workers
 * cannot start (no worker code), there is no pool: callers then do the work in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { seaBundle } from '../assets';
import type { BatchFormat } from '../policy/types';
import type { FileToParse } from '../gitops/read-file';

declare const KUBECTL_IOT_SEA: boolean | undefined;

/** What a worker does (threads/worker.ts): parse files, evaluate one batch's JSON input, or report on it. */
export type Task = { op: 'parse'; files: FileToParse[] } | { op: 'evaluate'; json: string } | ReportTask;

/**
 * Evaluate one batch and make its part of the report (policy/batch-report.ts): its projects' text, written into
 * `folder` when there is one (output/spool.ts), and its findings (see policy/evaluate.ts evaluateInventoryStreamed).
 */
export interface ReportTask {
  op: 'report';
  json: string;
  sources: ({ file: string; line: number } | undefined)[];
  clusterCount: number;
  first: boolean;
  folder?: string;
  /** How the projects are written. */
  format: BatchFormat;
}

export interface ThreadPool {
  readonly size: number;
  /** Runs a task on the least busy worker; rejects when the worker reports an error or dies. */
  run<T>(task: Task): Promise<T>;
  /** Stops every worker (pending tasks are rejected). */
  close(): Promise<void>;
}

/**
 * The worker's script: the single executable's bundle as code, the bundle beside the CLI, or the source under
 * tsx; undefined where there is none.
 */
function workerScript(): { file: string; eval?: boolean; execArgv?: string[] } | undefined {
  if (typeof KUBECTL_IOT_SEA === 'boolean' && KUBECTL_IOT_SEA) {
    const code = seaBundle('worker.cjs');
    // Run as a CommonJS module would be: code run by `eval` has no module variables of its own.
    return code === undefined ? undefined
      : { file: `(function (exports, require, module, __filename, __dirname) {${code}\n})({}, require, { exports: {} }, 'worker.cjs', '.')`, eval: true };
  }
  const bundled = join(__dirname, 'worker.cjs');
  if (existsSync(bundled)) return { file: bundled, execArgv: undefined }; // Node's default: this process's flags
  const source = join(__dirname, 'worker.ts');
  return existsSync(source) ? { file: source, execArgv: ['--require', 'tsx/cjs'] } : undefined;
}

/** How many workers: one per core (at most 8); 0 (no pool) on one core, or when `requested` is below 2. */
export function threadCount(requested?: number): number {
  const wanted = requested ?? Math.min(8, availableParallelism());
  return wanted < 2 ? 0 : wanted;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Starts `count` workers holding `module`, or returns undefined where workers cannot run here. */
export function startPool(module: object, count = threadCount()): ThreadPool | undefined {
  const script = workerScript();
  if (!script || count < 2) return undefined;
  const pending = new Map<number, Pending & { worker: number }>();
  const inFlight = (worker: number) => [...pending.values()].filter((task) => task.worker === worker).length;
  let nextId = 0;
  let closed = false;
  const fail = (worker: number, error: Error) => {
    for (const [id, task] of pending) {
      if (task.worker !== worker) continue;
      pending.delete(id);
      task.reject(error);
    }
  };
  const workers = Array.from({ length: count }, (_, n) => {
    const worker = new Worker(script.file, { workerData: { module }, execArgv: script.execArgv, eval: script.eval });
    worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
      const task = pending.get(id);
      if (!task) return;
      pending.delete(id);
      if (error !== undefined) task.reject(new Error(error));
      else task.resolve(value);
    });
    worker.on('error', (error) => fail(n, new Error(`a worker thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      if (!closed) fail(n, new Error(`a worker thread exited (${code})`));
    });
    return worker;
  });
  return {
    size: count,
    run<T>(task: Task): Promise<T> {
      if (closed) return Promise.reject(new Error('the worker threads have stopped'));
      const loads = workers.map((_, worker) => inFlight(worker));
      const n = loads.indexOf(Math.min(...loads));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, worker: n });
        workers[n].postMessage({ id, task });
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
      for (const [, task] of pending) task.reject(new Error('the worker threads have stopped'));
      pending.clear();
    },
  };
}
