/**
 * What the bundles do differently from the sources for start-up time (scripts/bundle-options.mjs: yargs' own
 * platform shim, no help rendered after a handler; lazy loads), without any behaviour of their own: the built
 * binary answers as the sources do, and `create` loads none of the built-in modules only other commands need.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';

const same = suite('the bundle answers as the sources do (built binary against in-process)');

const LINES = [
  ['--help'], ['create', '--help'], ['create', 'project', '--help'], ['create', 'tenant', '--help'], ['check', '--help'],
  ['version', '--help'], ['policies', 'export', '--help'], ['completion', '--help'],
  ['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml'], ['create', 'project', 'iot1', '-n', 'ns1', '--create-tenant'],
  ['create', 'tenant', '-n', 'ns1', '--messaging-infrastructure', 'enmasse-infra/default'],
  ['create', 'messaging-infrastructure', 'default', '-o', 'json'],
  // yargs' validation and kubectl-iot's own errors
  [], ['create'], ['create', 'project'], ['create', 'project', 'iot1', '--bogus'], ['create', 'project', 'Bad_Name'],
  ['create', 'project', 'iot1', '-o', 'xml'], ['crate'], ['create', 'project', 'iot1', '--apply', '--gitops-dir', 'x'],
];

for (const args of LINES) {
  same(`kubectl iot ${args.join(' ')}`, async () => {
    const fromSources = await runInProcess(args);
    const built = runCli(args);
    assert.equal(built, fromSources);
  });
}

const lean = suite('create loads only what it needs (built binary)');

/** The built-in modules (node:...) a run of the built binary loaded, from Node's own list, and its exit code. */
function builtinsLoadedBy(args: string[]): { code: number | null; loaded: string[] } {
  runCli(['version']); // builds dist/ when stale
  const { dir, cleanup } = tempDir();
  try {
    const record = join(dir, 'builtins.txt');
    writeFileSync(join(dir, 'preload.cjs'), `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, ` +
      "process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).join('\\n')));\n");
    // In a folder without a package.json above it: yargs' own shim would search for one and fail an assert.
    const result = spawnSync(process.execPath, ['--require', join(dir, 'preload.cjs'), BIN, ...args], { cwd: dir, encoding: 'utf8' });
    return { code: result.status, loaded: readFileSync(record, 'utf8').split('\n').map((line) => line.replace(/^NativeModule /, '')) };
  } finally {
    cleanup();
  }
}

/**
 * Each costs a `create` 0.5-3 ms to load, and only other commands (or other flags of create) use it; net, stream
 * and tty are what process.stdout on a pipe (here: child_process's socket) would have loaded.
 */
const NOT_FOR_CREATE = ['assert', 'child_process', 'worker_threads', 'fs/promises', 'readline', 'crypto', 'net', 'stream', 'tty'];

lean('create project -o yaml loads no node:assert, child_process, worker_threads, fs/promises, readline, crypto, net, stream', () => {
  const { code, loaded } = builtinsLoadedBy(['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml']);
  assert.is(code, 0);
  assert.ok(loaded.includes('vm'), 'the list is the one the launcher ran with');
  assert.equal(NOT_FOR_CREATE.filter((name) => loaded.includes(name)), []);
});

lean('the list would show them: check loads worker_threads', () => {
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n');
    const { loaded } = builtinsLoadedBy(['check', dir]);
    assert.ok(loaded.includes('worker_threads'), loaded.join(' '));
  } finally {
    cleanup();
  }
});

same.run();
lean.run();
