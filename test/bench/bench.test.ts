/** CI runs the bench harness small, so it cannot rot: it must finish, print its tables and check the answer. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const bench = suite('npm run bench (smoke: 50 and 100 projects, one run)');

bench('prints both tables and writes the figures, having checked 10% Failed at every size', () => {
  const { dir, cleanup } = tempDir('kubectl-iot-bench-smoke-');
  try {
    const json = join(dir, 'bench.json');
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'test/bench/run.ts', '--size', '50,100', '--runs', '1', '--json', json],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    assert.is(run.status, 0, run.stderr);
    assert.match(run.stdout, /^\| projects \| files \| check -o json \| peak RSS \| conftest \|/m);
    assert.match(run.stdout, /^\| create project -o yaml \(npm\) \| \d+ \| node -e 0 \| \d+ \|/m);
    const figures = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(figures.rows.map((r: { size: number; files: number }) => [r.size, r.files]), [[50, 11], [100, 21]]);
    assert.ok(figures.rows.every((r: { checkSeconds: number; fluxSeconds: number }) => r.checkSeconds > 0 && r.fluxSeconds > 0));
    assert.match(run.stdout, /\| under Flux \| Flux \/ plain \| Krew binary check \| conftest \/ Krew binary \|$/m);
    // The Krew binary's check runs in the same rounds wherever it is built, and its answer is checked like npm's.
    const krew = figures.rows.map((r: { krewSeconds?: number }) => r.krewSeconds);
    assert.ok(krew.every((s: number | undefined) => s === undefined) || krew.every((s: number | undefined) => s !== undefined && s > 0), String(krew));
    assert.match(run.stdout, krew[0] === undefined ? /\| not built \(npm run build:sea\) \| n\/a \|$/m : /\| \d+\.\d\d s \| \d+\.\dx \|$/m);
  } finally {
    cleanup();
  }
});

bench.run();
