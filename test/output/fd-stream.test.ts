/**
 * The process's stdout and stderr on a pipe or a file (plugin/output/fd-stream.ts): written straight to the
 * descriptor, in order and complete; a reader that went away ends the output silently; a full non-blocking
 * descriptor hands the rest to Node's own stream.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FdStream } from '../../plugin/output/fd-stream';
import { BIN, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeBenchTree } from '../bench/tree';

const fd = suite('stdout and stderr on pipes and files (built binary)');

const CREATE = ['create', 'project', 'iot1', '-n', 'ns1', '--create-tenant'];

fd('a pipe gets the bytes the sources write, on stdout and on stderr', async () => {
  for (const args of [CREATE, ['create', 'project', 'Bad_Name'], ['policies', 'export', '-o', 'json'], ['--help']]) {
    assert.equal(runCli(args), await runInProcess(args), args.join(' '));
  }
});

fd('a slow reader of a pipe still gets the whole JSON report of a large tree (the pipe fills up)', () => {
  const { dir, cleanup } = tempDir();
  try {
    const tree = join(dir, 'tree');
    writeBenchTree(tree, 2000);
    const file = join(dir, 'report.json');
    spawnSync(process.execPath, [BIN, 'check', tree, '-o', 'json'], { stdio: ['ignore', openSync(file, 'w'), 'ignore'] });
    const expected = readFileSync(file).length;
    assert.ok(expected > 1 << 20, `a report of ${expected} bytes fills a pipe`);
    // The shell's pipe, read only after a second: the writer meets a full pipe (EAGAIN) and must wait, not quit.
    const piped = spawnSync('bash', ['-c', `"$0" "$1" check "$2" -o json 2>/dev/null | (sleep 1; wc -c)`, process.execPath, BIN, tree],
      { encoding: 'utf8' });
    assert.is(Number(piped.stdout.trim()), expected);
  } finally {
    cleanup();
  }
});

fd('a file gets them too', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'out.yaml');
    const out = openSync(file, 'w');
    const run = spawnSync(process.execPath, [BIN, ...CREATE], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
    closeSync(out);
    assert.is(run.status, 0, run.stderr);
    assert.is(readFileSync(file, 'utf8'), (await runInProcess(CREATE)).stdout);
  } finally {
    cleanup();
  }
});

fd('a reader that closed the pipe ends the output: exit 0, nothing on stderr', async () => {
  const child = spawn(process.execPath, [BIN, ...CREATE], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.is(stderr, '');
  assert.is(code, 0);
});

const unit = suite('FdStream (a fake descriptor for EAGAIN, which a real one cannot be made to give here)');

unit('EAGAIN hands this write and every later one to the fallback, after what the descriptor took', () => {
  const taken: string[] = [];
  const fallen: string[] = [];
  const fallback = new Writable({
    write(chunk, _encoding, done) {
      fallen.push(String(chunk));
      done();
    },
  });
  let calls = 0;
  const stream = new FdStream(1, () => fallback, (_fd, data) => {
    calls++;
    if (calls === 1) {
      taken.push(Buffer.from(data.subarray(0, 3)).toString());
      return 3;
    }
    throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
  });
  stream.write('abcdef');
  stream.write('ghi');
  assert.equal(taken, ['abc']);
  assert.equal(fallen, ['def', 'ghi']);
});

unit('after EAGAIN, the drain of a full fallback is the drain of this stream (a writer waiting for it must not hang)', async () => {
  const fallback = new Writable({ highWaterMark: 4, write: (_chunk, _encoding, done) => setTimeout(done, 5) });
  const stream = new FdStream(1, () => fallback, () => {
    throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
  });
  assert.is(stream.write('more than four bytes'), false);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no drain')), 2000);
    stream.once('drain', () => {
      clearTimeout(timer);
      resolve();
    });
  });
});

unit('other errors than EPIPE and EAGAIN are thrown', () => {
  const stream = new FdStream(1, () => process.stdout, () => {
    throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
  });
  assert.throws(() => stream.write('x'), /EIO/);
});

fd.run();
unit.run();
