/**
 * A policy worker thread: evaluates batches (see partition.ts) with the WebAssembly module it was handed, so that
 * batches run on every core. Input: {id, json} (a batch's input, already JSON); output: {id, raw} or {id, error}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateEncoded, type CompiledModule } from './engine';

if (parentPort) {
  const port = parentPort;
  const module = (workerData as { module: CompiledModule }).module;
  port.on('message', ({ id, json }: { id: number; json: string }) => {
    try {
      port.postMessage({ id, raw: evaluateEncoded(module, new TextEncoder().encode(json)) });
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
