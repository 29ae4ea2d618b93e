// Writes policies/capabilities.json: the builtins of `opa capabilities --current` that the plugin can run,
// i.e. those OPA's WebAssembly target compiles natively (OPA's builtin_metadata.json marks them "wasm": true)
// plus those @open-policy-agent/opa-wasm implements in JavaScript. `opa check/build --capabilities` then
// rejects any other builtin at build time, instead of the SDK failing with "not implemented" at run time.
// Usage: node scripts/policy-capabilities.mjs OPA_BUILTIN_METADATA_JSON OUTPUT_JSON   (opa on PATH)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [metadataPath, outputPath] = process.argv.slice(2);
if (!metadataPath || !outputPath) {
  console.error('usage: policy-capabilities.mjs OPA_BUILTIN_METADATA_JSON OUTPUT_JSON');
  process.exit(2);
}

// Rewritten into constants by the compiler (they never run in the module), so the wasm target accepts them.
const COMPILE_TIME = ['rego.metadata.chain', 'rego.metadata.rule'];

const metadata = JSON.parse(readFileSync(metadataPath, 'utf8'));
const native = Object.keys(metadata).filter((name) => metadata[name]?.wasm === true);

// The SDK's own table of JavaScript builtins (not exported by the package, so read by path).
const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('@open-policy-agent/opa-wasm'));
const sdk = Object.keys(require(join(sdkDir, 'builtins', 'index.js')));

const runnable = new Set([...native, ...sdk, ...COMPILE_TIME]);
const current = JSON.parse(execFileSync('opa', ['capabilities', '--current'], { encoding: 'utf8' }));
const builtins = current.builtins
  .filter((builtin) => runnable.has(builtin.name))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const output = {
  generated: 'by scripts/build-policies.sh (scripts/policy-capabilities.mjs) from opa capabilities --current; do not edit',
  ...current,
  builtins,
};
writeFileSync(outputPath, `${JSON.stringify(output, null, 2)}\n`);
console.error(
  `policy-capabilities: ${builtins.length} of ${current.builtins.length} builtins ` +
    `(${native.length} native in wasm, ${sdk.length} in the SDK's JavaScript) -> ${outputPath}`,
);
