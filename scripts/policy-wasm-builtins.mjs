// Fails when a WebAssembly policy calls a builtin that @open-policy-agent/opa-wasm does not implement in
// JavaScript: the module lists the builtins it imports (those OPA did not compile natively) in its
// `builtins` export, and the SDK would otherwise only say "not implemented" while evaluating.
// Usage: node scripts/policy-wasm-builtins.mjs POLICY_WASM
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [wasmPath] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: policy-wasm-builtins.mjs POLICY_WASM');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('@open-policy-agent/opa-wasm'));
const sdk = new Set(Object.keys(require(join(sdkDir, 'builtins', 'index.js'))));

const memory = new WebAssembly.Memory({ initial: 5 });
const fail = () => {
  throw new Error('the module called back while listing its builtins');
};
const env = { memory, opa_abort: fail, opa_println: fail };
for (let arity = 0; arity <= 4; arity++) env[`opa_builtin${arity}`] = fail;
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { env });

// builtins() returns an OPA value; opa_json_dump turns it into a NUL-terminated JSON string.
const address = instance.exports.opa_json_dump(instance.exports.builtins());
const bytes = new Uint8Array(memory.buffer, address);
const imported = Object.keys(JSON.parse(new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)))));

const missing = imported.filter((name) => !sdk.has(name));
if (missing.length > 0) {
  console.error(`policy-wasm-builtins: ${wasmPath} calls builtins the SDK lacks: ${missing.join(', ')}`);
  process.exit(1);
}
console.error(`policy-wasm-builtins: ${imported.length === 0 ? 'every builtin is native' : `SDK builtins: ${imported.join(', ')}`}`);
