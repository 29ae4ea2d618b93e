/**
 * `check -o json` on a large tree spools its projects' text to a temporary folder (plugin/output/spool.ts): the
 * output is the same as when it is held in memory, and the folder never outlives the process, whether the run
 * ends, or is interrupted (Ctrl-C, a cancelled CI job's SIGTERM).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeBenchTree } from '../bench/tree';
import { BIN } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const test = suite('check -o json: the spool of a large report (built binary)');

function setUp(projects: number): { tree: string; tmp: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const tree = join(dir, 'tree');
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  writeBenchTree(tree, projects);
  return { tree, tmp, cleanup };
}

test('spooled to files (workers included), the report is the one held in memory, and the folder is gone after', () => {
  const { tree, tmp, cleanup } = setUp(2000);
  try {
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [BIN, 'check', tree, '-o', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
    const held = run({});
    const spooled = run({ KUBECTL_IOT_SPOOL_CHARS: '1000', TMPDIR: tmp });
    assert.is(held.status, 1, held.stderr);
    assert.is(spooled.status, 1, spooled.stderr);
    assert.ok(held.stdout.length > 1 << 20);
    assert.is(spooled.stdout, held.stdout);
    assert.equal(readdirSync(tmp), []);
  } finally {
    cleanup();
  }
});

test('a TMPDIR that cannot hold the spool: one line that says so and how to fix it, exit 2, no stack trace', () => {
  const { tree, tmp, cleanup } = setUp(2000);
  try {
    const missing = join(tmp, 'missing');
    const run = spawnSync(process.execPath, [BIN, 'check', tree, '-o', 'json'], {
      encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, KUBECTL_IOT_SPOOL_CHARS: '1000', TMPDIR: missing },
    });
    assert.is(run.status, 2, run.stderr);
    assert.is(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.is(lines.length, 1, run.stderr);
    assert.match(lines[0], `cannot make a temporary folder in ${missing}`);
    assert.match(lines[0], /no such file or directory; set TMPDIR to a writable folder$/);
  } finally {
    cleanup();
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`interrupted by ${signal} while it spools, check removes the folder and dies of the signal`, async () => {
    const { tree, tmp, cleanup } = setUp(10000);
    try {
      const child = spawn(process.execPath, [BIN, 'check', tree, '-o', 'json'], {
        stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, KUBECTL_IOT_SPOOL_CHARS: '1000', TMPDIR: tmp },
      });
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, got) => resolve(got)));
      let seen = false;
      for (let waited = 0; waited < 30000 && !seen; waited += 5) {
        seen = readdirSync(tmp).some((name) => name.startsWith('kubectl-iot-'));
        if (!seen) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(seen, 'the spool folder appeared');
      child.kill(signal);
      assert.is(await ended, signal);
      assert.equal(readdirSync(tmp), []);
    } finally {
      cleanup();
    }
  });
}

test.run();
