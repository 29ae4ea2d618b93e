/**
 * A worker thread of threads/pool.ts: parses files (gitops/read-file.ts; objects go back as JSON text, see
 * policy/encoded.ts) and evaluates batches (policy/engine.ts; the answer goes back as the module's JSON text, or
 * as the batch's part of a streamed report, see report-task.ts)
 * with the WebAssembly module it was handed. Input: {id, task}; output: {id, value} or {id, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeParsed, parseFilesSync } from '../gitops/read-file';
import { evaluateToText, type CompiledModule } from '../policy/engine';
import type { Task } from './pool';
import { reportTask } from './report-task';

if (parentPort) {
  const port = parentPort;
  const module = (workerData as { module: CompiledModule }).module;
  const encoder = new TextEncoder();
  port.on('message', ({ id, task }: { id: number; task: Task }) => {
    try {
      const value = task.op === 'parse' ? parseFilesSync(task.files).map(encodeParsed)
        : task.op === 'report' ? reportTask(module, task, encoder)
          : evaluateToText(module, encoder.encode(task.json));
      port.postMessage({ id, value });
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
