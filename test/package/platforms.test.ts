/**
 * `npm run package` (scripts/package.ts): one Krew archive per platform of krew.yaml, built here from npm's Node 24
 * binaries, and the rendered manifest. Each archive holds the right executable for its platform with the blob
 * inside, installs through the real krew as that platform (KREW_OS/KREW_ARCH), and is byte-reproducible.
 * Running them (qemu for linux/arm64, the darwin signature) is test/package/run.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { archiveName, KREW_DIR, packageInfo, releaseUrl } from '../../scripts/gen-krew';
import { buildArchives } from '../../scripts/package';
import { underCi } from '../helpers/ci';
import { ROOT } from '../helpers/cli';
import { buildable, unpack } from '../helpers/sea';
import { tempDir } from '../helpers/tmp';

const pkg = suite('npm run package: an archive per platform, the rendered manifest, reproducible bytes, krew installs each');
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const { ready, lacking } = buildable();
let tmp: ReturnType<typeof tempDir>;
let archives = new Map<string, string>();
let manifest: { spec: { version: string; platforms: Array<Record<string, any>> } };

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const exeOf = (platform: string) => `kubectl-iot${platform.startsWith('windows/') ? '.exe' : ''}`;
const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).map((d) => join(d, name)).find(existsSync);

pkg.before(() => {
  tmp = tempDir('kubectl-iot-package-');
  try {
    // The CLI, as `npm run package` runs it: it also renders and validates dist/krew/iot.yaml.
    const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/package.ts', ...ready],
      { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`scripts/package.ts failed:\n${run.stderr}`);
    // Its archives, as it left them (building them again here could see sources edited in between).
    archives = new Map(ready.map((platform) =>
      [platform, join(KREW_DIR, archiveName(...(platform.split('/') as [string, string])))]));
    manifest = parse(readFileSync(join(KREW_DIR, 'iot.yaml'), 'utf8'));
  } catch (error) {
    process.stderr.write(`\n${(error as Error).message}\n`); // uvu hides hook errors
    throw error;
  }
});
pkg.after(() => tmp?.cleanup());

const entry = (platform: string) => manifest.spec.platforms.find(({ selector }) =>
  `${selector.matchLabels.os}/${selector.matchLabels.arch}` === platform);

pkg('dist/krew/iot.yaml lists every platform built, with its archive\'s lowercase sha256 and release uri', () => {
  assert.is(manifest.spec.version, `v${packageInfo().version}`);
  assert.equal(manifest.spec.platforms.length, ready.length);
  for (const platform of ready) {
    const listed = entry(platform);
    const file = archiveName(...(platform.split('/') as [string, string]));
    assert.is(listed?.sha256, sha256(join(KREW_DIR, file)), platform);
    assert.match(String(listed?.sha256), /^[0-9a-f]{64}$/);
    assert.is(listed?.uri, `${releaseUrl(packageInfo())}/${file}`);
    assert.is(listed?.bin, exeOf(platform));
  }
});

pkg('each archive holds its platform\'s executable under the manifest\'s bin, with the blob injected and the fuse set', () => {
  for (const platform of ready) {
    const listing = spawnSync('tar', ['--list', '--gzip', '--file', String(archives.get(platform))], { encoding: 'utf8' });
    assert.equal(listing.stdout.trim().split('\n'), ['./', './LICENSE', './LICENSE-node.js', './README.md',
      './THIRD-PARTY-NOTICES.txt', `./${entry(platform)?.bin}`], platform);
    const binary = readFileSync(join(unpack(String(archives.get(platform)), join(tmp.dir, platform)), exeOf(platform)));
    assert.is(kindOf(binary), platform);
    assert.ok(binary.includes(`${FUSE}:1`), `${platform}: the fuse is not flipped`);
    assert.not.ok(binary.includes(`${FUSE}:0`), `${platform}: an unflipped fuse is left`);
    // The blob's main script is scripts/launcher.cjs, verbatim.
    assert.ok(binary.includes('One cache per bundle, command word and installation'), `${platform}: no blob`);
  }
});

// Outside CI a platform that cannot be built here is a skipped test; under CI a missing tool fails the suite (below).
(ready.includes('windows/amd64') ? pkg : pkg.skip)(
  'the Windows executable is PE32+ for x86-64 and carries the blob as the NODE_SEA_BLOB resource', () => {
  const exe = readFileSync(join(tmp.dir, 'windows/amd64', 'kubectl-iot.exe'));
  assert.ok(resourceNames(exe).includes('NODE_SEA_BLOB'), `resources: ${resourceNames(exe).join(', ')}`);
});

pkg('a second build of the same inputs gives the same bytes (signed darwin/arm64, or the first platform built)', () => {
  const platform = ready.includes('darwin/arm64') ? 'darwin/arm64' : ready[0];
  // A build of its own in dist/krew/.again, reused like dist/krew while the inputs stay the same.
  const [again] = buildArchives([platform], join(KREW_DIR, '.again'));
  assert.is(sha256(again.archive), sha256(String(archives.get(platform))), platform);
});

(onPath('kubectl-krew') && onPath('kubectl') || underCi() ? pkg : pkg.skip)(
  'kubectl krew install --manifest --archive installs each platform\'s archive as that platform (KREW_OS, KREW_ARCH)', () => {
  const file = join(tmp.dir, 'iot.yaml');
  writeFileSync(file, readFileSync(join(KREW_DIR, 'iot.yaml')));
  for (const platform of ready) {
    const [os, arch] = platform.split('/');
    const root = join(tmp.dir, `krew-${os}-${arch}`);
    const installed = spawnSync('kubectl', ['krew', 'install', `--manifest=${file}`, `--archive=${archives.get(platform)}`], {
      encoding: 'utf8', input: '', env: { PATH: process.env.PATH, HOME: tmp.dir, KREW_ROOT: root, KREW_OS: os, KREW_ARCH: arch },
    });
    assert.is(installed.status, 0, `${platform}: ${installed.stderr}`);
    assert.match(installed.stderr, /Installed plugin: iot/);
    const bin = join(root, 'bin', exeOf(platform));
    assert.ok(existsSync(bin), `${platform}: no ${bin}`);
    assert.is(sha256(realpathSync(bin)), sha256(join(tmp.dir, platform, exeOf(platform))), platform);
  }
});

/** The Krew os/arch an executable is for, read from its header (ELF, Mach-O 64 or PE32+). */
function kindOf(binary: Buffer): string {
  if (binary.readUInt32BE(0) === 0x7f454c46) return `linux/${{ 62: 'amd64', 183: 'arm64' }[binary.readUInt16LE(18)]}`;
  if (binary.readUInt32LE(0) === 0xfeedfacf) return `darwin/${{ 0x01000007: 'amd64', 0x0100000c: 'arm64' }[binary.readUInt32LE(4)]}`;
  if (binary.readUInt16LE(0) === 0x5a4d) {
    const pe = binary.readUInt32LE(0x3c);
    if (binary.readUInt32LE(pe) !== 0x4550) return 'MZ without PE';
    const machine = binary.readUInt16LE(pe + 4);
    const magic = binary.readUInt16LE(pe + 24); // the optional header's: 0x20b is PE32+
    return `windows/${machine === 0x8664 && magic === 0x20b ? 'amd64' : `machine ${machine} magic ${magic}`}`;
  }
  return 'unknown';
}

/** The names of a PE file's resources of type RCDATA (10), where postject puts the blob. */
function resourceNames(exe: Buffer): string[] {
  const pe = exe.readUInt32LE(0x3c);
  const optional = pe + 24;
  const resourceRva = exe.readUInt32LE(optional + 112 + 2 * 8); // data directory 2: resources (PE32+ layout)
  const table = optional + exe.readUInt16LE(pe + 20);
  const section = Array.from({ length: exe.readUInt16LE(pe + 6) }, (_, i) => table + i * 40)
    .map((at) => ({ rva: exe.readUInt32LE(at + 12), size: exe.readUInt32LE(at + 16), raw: exe.readUInt32LE(at + 20) }))
    .find(({ rva, size }) => resourceRva >= rva && resourceRva < rva + size);
  if (!section) return [];
  const root = section.raw + resourceRva - section.rva;
  // A directory: counts of named and of numbered entries, then 8 bytes per entry (name or id, offset).
  const entries = (dir: number) => Array.from({ length: exe.readUInt16LE(dir + 12) + exe.readUInt16LE(dir + 14) },
    (_, n) => ({ name: exe.readUInt32LE(dir + 16 + n * 8), offset: exe.readUInt32LE(dir + 20 + n * 8) }));
  const rcdata = entries(root).find(({ name }) => name === 10);
  if (!rcdata || !(rcdata.offset & 0x80000000)) return [];
  return entries(root + (rcdata.offset & 0x7fffffff)).filter(({ name }) => name & 0x80000000).map(({ name }) => {
    const at = root + (name & 0x7fffffff);
    return exe.subarray(at + 2, at + 2 + 2 * exe.readUInt16LE(at)).toString('utf16le');
  });
}

if (lacking.length === 0 || !underCi()) {
  if (lacking.length > 0) pkg.skip(`the platforms not built here (skipped: tools missing: ${lacking.join(', ')})`, () => undefined);
  pkg.run();
} else {
  const absent = suite('npm run package: every platform is built');
  absent('has the tools for every platform', () => assert.unreachable(`missing: ${lacking.join(', ')}`));
  absent.run();
}
