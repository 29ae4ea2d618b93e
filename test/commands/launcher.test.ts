/**
 * bin/kubectl-iot (scripts/launcher.cjs) keeps V8's code cache of each bundle per command word and installation
 * in $XDG_CACHE_HOME/kubectl-iot/v8: written once after a run that had none, reused after, replaced when V8
 * rejects it, dropped with the build it was for; a cache that cannot be written or read only costs time.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const launcher = suite('the launcher\'s code cache (built binary)');
let tmp: ReturnType<typeof tempDir>;
launcher.before.each(() => {
  runCli(['version']); // builds dist/ when stale
  tmp = tempDir();
});
launcher.after.each(() => tmp.cleanup());

const CREATE = ['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml'];

function launch(args: string[], cache = join(tmp.dir, 'cache')) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const v8Dir = () => join(tmp.dir, 'cache', 'kubectl-iot', 'v8');
const caches = () => readdirSync(v8Dir()).sort();

launcher('the first run writes a cache for its command; the next run uses it and leaves it as it is', () => {
  const first = launch(CREATE);
  assert.is(first.code, 0, first.stderr);
  const [written, ...others] = caches();
  assert.equal(others, []);
  assert.match(written, /^npm-v\d+\.\d+\.\d+-[a-z0-9]+-[a-z0-9]+-kubectl-iot\.cjs-\d+-\d+-create\.bin$/);
  const bytes = readFileSync(join(v8Dir(), written));
  const { mtimeMs } = statSync(join(v8Dir(), written));
  const second = launch(CREATE);
  assert.equal(second, first);
  assert.equal(caches(), [written]);
  assert.ok(readFileSync(join(v8Dir(), written)).equals(bytes));
  assert.is(statSync(join(v8Dir(), written)).mtimeMs, mtimeMs);
});

launcher('another command word gets a cache of its own, beside the first', () => {
  launch(CREATE);
  const version = launch(['version']);
  assert.is(version.code, 0, version.stderr);
  assert.equal(caches().map((name) => name.replace(/^.*-/, '')), ['create.bin', 'version.bin']);
});

launcher('first words that are no command (help, a typo) share one cache', () => {
  launch(['--help']);
  launch(['crate', 'project']);
  assert.equal(caches().map((name) => name.replace(/^.*-/, '')), ['other.bin']);
});

launcher('a cache V8 rejects is replaced, and the command is unaffected', () => {
  const expected = launch(CREATE);
  const [name] = caches();
  writeFileSync(join(v8Dir(), name), 'not a code cache');
  assert.equal(launch(CREATE), expected);
  assert.is.not(readFileSync(join(v8Dir(), name), 'utf8'), 'not a code cache');
  assert.equal(launch(CREATE), expected);
});

launcher('writing a new build\'s cache drops the earlier builds\' of this installation, not another installation\'s', () => {
  launch(CREATE);
  const [name] = caches();
  const earlierBuild = name.replace(/-\d+-\d+-create\.bin$/, '-1-1-create.bin');
  const otherInstall = name.replace(/^(npm-v[\d.]+-[a-z0-9]+-)[a-z0-9]+-/, '$1other-');
  writeFileSync(join(v8Dir(), earlierBuild), 'old');
  writeFileSync(join(v8Dir(), otherInstall), 'elsewhere');
  launch(['version']);
  assert.equal(caches(), [otherInstall, name, name.replace(/create\.bin$/, 'version.bin')].sort());
});

launcher('an unwritable cache folder costs nothing but time: same output, nothing on stderr', () => {
  const expected = launch(CREATE);
  const file = join(tmp.dir, 'not-a-folder');
  writeFileSync(file, '');
  assert.equal(launch(CREATE, file), expected);
  assert.is(expected.stderr, '');
});

launcher.run();
