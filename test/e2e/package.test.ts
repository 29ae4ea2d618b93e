import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

// The published package, as `npx kubectl-iot` gets it: packed, installed without the registry, run from
// node_modules/.bin. Its bundle needs no runtime dependency, so an offline install must work.
const pkg = suite('the npm package installs offline and runs (npm pack, npm install, node_modules/.bin)');
let tmp: ReturnType<typeof tempDir>;
let bin = '';

pkg.before(() => {
  tmp = tempDir();
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', tmp.dir], { cwd: ROOT, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = readdirSync(tmp.dir).find((f) => f.endsWith('.tgz'));
  const app = join(tmp.dir, 'app');
  const installed = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', app, join(tmp.dir, String(tarball))],
    { encoding: 'utf8' });
  if (installed.status !== 0) throw new Error(`npm install failed: ${installed.stderr}`);
  bin = join(app, 'node_modules', '.bin', 'kubectl-iot');
});
pkg.after(() => tmp.cleanup());

const run = (args: string[], cwd: string) => spawnSync(bin, args, { cwd, encoding: 'utf8' });

pkg('the installed binary answers version and help, naming kubectl iot', () => {
  const version = run(['version', '-o', 'json'], tmp.dir);
  assert.is(version.status, 0, version.stderr);
  assert.is(JSON.parse(version.stdout).version, JSON.parse(spawnSync('node', ['-p', 'JSON.stringify(require("./package.json"))'],
    { cwd: ROOT, encoding: 'utf8' }).stdout).version);
  assert.match(run(['--help'], tmp.dir).stdout, /Usage: kubectl iot <command>/);
});

pkg('the installed binary finds its policy bundle and CRDs: init, then check, from another folder', () => {
  const init = run(['init', 'repo', '-n', 'ns1'], tmp.dir);
  assert.is(init.status, 0, init.stderr);
  const check = run(['check', 'repo', '-o', 'json'], tmp.dir);
  assert.is(check.status, 0, check.stderr);
  assert.equal(JSON.parse(check.stdout).projects.map((p: { phase: string }) => p.phase), ['Active']);
});

pkg('the package carries the licences of the npm packages bundled into it', () => {
  const notices = readFileSync(join(tmp.dir, 'app', 'node_modules', 'kubectl-iot', 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  assert.match(notices, /^@kubernetes\/client-node \d+\.\d+\.\d+ \(Apache-2.0\)$/m);
  assert.match(notices, /^yargs \d+\.\d+\.\d+ \(MIT\)$/m);
});

pkg.run();
