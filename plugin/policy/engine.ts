/**
 * Evaluates the policy pack's WebAssembly module (policies/build/policy.wasm) with @open-policy-agent/opa-wasm.
 * The module is compiled once per process and instantiated once per thread (see `instances`), with memory sized to
 * the largest input up front, because the module's allocator grows memory one 64 KiB page at a time and every
 * grow is slow in V8 (10,000 projects: ~10 s growing page by page, under 1 s pre-sized).
 */
import { readFileSync } from 'node:fs';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { assetLocation, readAsset } from '../assets';
import type { KubeObject } from '../model/kinds';
import { reportOf } from './compact';
import type { RawReport } from './report';
import type { PolicyParameters } from './types';

export { policyCatalog } from './catalog';
export { reportOf };

export const WASM_FILE = 'policies/build/policy.wasm';
/** The entrypoint the plugin evaluates (compact.ts reads its answer); scripts/build-policies.sh compiles it and `report`. */
export const ENTRYPOINT = 'policies/main/compact';

/** What the plugin passes to the entrypoint: every parsed document, model or not. */
export interface PolicyInput {
  parameters: PolicyParameters;
  resources: KubeObject[];
}

export type RawProject = RawReport['projects'][number];
export type RawFinding = RawReport['findings'][number];

export interface PolicyEngine {
  /** The entrypoint's value for `input`; throws when evaluation fails or yields no report. */
  evaluate(input: PolicyInput): RawReport;
  /** evaluate for an input already written as JSON text (partition.ts's batchJson). */
  evaluateJson(json: string): RawReport;
  /** The compiled module, for worker threads (a WebAssembly.Module can be posted to them). */
  readonly module: CompiledModule;
}

/** The one WebAssembly API used here (tsconfig's lib has no DOM, where its types live). */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<CompiledModule> };
export type CompiledModule = object;

const PAGE = 64 * 1024;
// Measured: the module's heap peaks near 110 bytes per input byte (10,000 projects: ~5 MB in, ~450 MB heap).
const HEAP_PER_INPUT_BYTE = 120;
const BASE_HEAP = 32 * 1024 * 1024;
const MAX_INITIAL_PAGES = 32768; // 2 GiB: beyond that the module grows on its own

let loading: Promise<PolicyEngine> | undefined;

/** The policy engine, compiling the bundled module on first use (later calls share it). */
export function loadPolicies(): Promise<PolicyEngine> {
  loading ??= compile(assetLocation(WASM_FILE), () => readAsset(WASM_FILE)).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Compiles the policy module at `wasmPath` (read by `read`, e.g. from the executable's assets) into an engine. */
export async function compile(wasmPath: string, read = (): Buffer => readFileSync(wasmPath)): Promise<PolicyEngine> {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (cause) {
    throw new Error(`cannot read the policy module ${wasmPath}: ${(cause as Error).message}`, { cause });
  }
  const module = await WebAssembly.compile(bytes);
  const evaluateJson = (json: string) => evaluateEncoded(module, new TextEncoder().encode(json));
  return { module, evaluateJson, evaluate: (input) => evaluateJson(JSON.stringify(input)) };
}

/**
 * One instance per module and thread, reused: each evaluation starts on a reset heap (ABI 1.2 puts the input at
 * the heap's base and evaluates above it), so memory is bounded by the largest evaluation, and batches pay
 * neither a new instance nor the page-by-page growth of a small one (64 KB batches: 2.8 s -> 0.9 s for 10,000
 * projects). An instance whose memory is too small for an input is replaced by one sized for it.
 */
const instances = new WeakMap<CompiledModule, { policy: LoadedPolicy; bytes: number }>();

/** Evaluates an input already encoded as JSON (the heap sized to the input). */
export function evaluateEncoded(module: CompiledModule, encoded: Uint8Array): RawReport {
  return reportOf(JSON.parse(evaluateToText(module, encoded)));
}

/**
 * evaluateEncoded's answer as the module wrote it: the result set's JSON text. A worker thread sends this text,
 * not the parsed value, so the answer is parsed once, where it is used (a parsed value would be copied twice more).
 */
export function evaluateToText(module: CompiledModule, encoded: Uint8Array): string {
  // Loaded here, not at import: `policies list` and the printers import this file without evaluating.
  const { loadPolicySync } = require('@open-policy-agent/opa-wasm') as typeof import('@open-policy-agent/opa-wasm');
  const pages = Math.min(MAX_INITIAL_PAGES, Math.ceil((encoded.byteLength * HEAP_PER_INPUT_BYTE + BASE_HEAP) / PAGE));
  try {
    let cached = instances.get(module);
    if (!cached || cached.bytes < pages * PAGE) {
      cached = { policy: loadPolicySync(module, { initial: pages }), bytes: pages * PAGE };
      if (!(ENTRYPOINT in cached.policy.entrypoints)) throw new Error(`the module has no entrypoint ${ENTRYPOINT}`);
      instances.set(module, cached);
    }
    return evaluateRaw(cached.policy, encoded);
  } catch (cause) {
    // An instance that failed (opa_abort, out of memory) is not trusted again.
    instances.delete(module);
    // The SDK throws strings (opa_abort's message), not Errors.
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`policy evaluation failed: ${message}`, { cause });
  }
}

/** The parts of the SDK's LoadedPolicy (its declared fields) and of the module's exports (ABI 1.2) used here. */
interface Instance {
  minorVersion: number;
  mem: { buffer: ArrayBuffer; grow(pages: number): number };
  wasmInstance: { exports: Record<string, unknown> };
  dataAddr: number;
  dataHeapPtr: number;
  entrypoints: Record<string, number>;
}

/**
 * One evaluation through the ABI's one-call entry, `opa_eval` (ABI 1.2), on the SDK's instance: the input goes at
 * the heap's base, the answer is a NUL-terminated JSON text. This is what the SDK's evaluate() does, but its text
 * is found with a native search (the SDK scans for the NUL one byte at a time in JavaScript: ~0.3 s for the
 * answers of 10,000 projects) and is returned unparsed. test/policy/engine.test.ts checks the two agree.
 */
function evaluateRaw(loaded: LoadedPolicy, input: Uint8Array): string {
  const policy = loaded as unknown as Instance;
  if (policy.minorVersion < 2) return JSON.stringify(loaded.evaluate(exactBuffer(input), ENTRYPOINT));
  const inputAddr = policy.dataHeapPtr;
  const delta = inputAddr + input.byteLength - policy.mem.buffer.byteLength;
  if (delta > 0) policy.mem.grow(Math.ceil(delta / PAGE));
  new Uint8Array(policy.mem.buffer).set(input, inputAddr);
  const opaEval = policy.wasmInstance.exports.opa_eval as (...args: number[]) => number;
  const address = opaEval(0, policy.entrypoints[ENTRYPOINT], policy.dataAddr, inputAddr, input.byteLength,
    inputAddr + input.byteLength, 0);
  const memory = new Uint8Array(policy.mem.buffer);
  const end = memory.indexOf(0, address);
  return new TextDecoder().decode(memory.subarray(address, end === -1 ? memory.length : end));
}

/** The SDK reads an ArrayBuffer input whole, so it must hold exactly the encoded bytes. */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  return byteOffset === 0 && byteLength === buffer.byteLength ? (buffer as ArrayBuffer)
    : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
}
