/**
 * Renders the Krew manifest from the template krew.yaml at the repository root: each platform's "{{sha256}}"
 * becomes the sha256 of its archive, and (for a local test server) the release URL may be replaced.
 * The template is checked first: its version and uris must follow package.json (version, homepage).
 * Usage: node --require tsx/cjs scripts/gen-krew.ts [--dir DIR] [--base-url URL] [--out FILE] [--validate] [OS/ARCH...]
 *   OS/ARCH     the platforms to list (e.g. linux/amd64); default every platform of the template
 *   --dir       where the archives are; default dist/krew (npm run package writes them)
 *   --base-url  where the archives are downloaded from; default the GitHub release of the package version
 *   --validate  then run validate-krew-manifest on it (structure only: the release does not exist yet)
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { isMap, isSeq, parseDocument, Scalar, type Document, type YAMLMap } from 'yaml';

const ROOT = resolve(__dirname, '..');
export const TEMPLATE = join(ROOT, 'krew.yaml');
/** Where `npm run package` (scripts/package.ts) writes the archives and the rendered manifest iot.yaml. */
export const KREW_DIR = join(ROOT, 'dist', 'krew');
export const PLACEHOLDER = '{{sha256}}';

export interface KrewArchive {
  os: string;
  arch: string;
  file: string;
  sha256: string;
}

/** The archive's file name for a Krew os/arch: the same for every platform, Windows included. */
export const archiveName = (os: string, arch: string) => `kubectl-iot_${os}_${arch}.tar.gz`;

/** The archives of `platforms` ("os/arch") in `dir`, with their sha256; throws naming any that is missing. */
export function archivesIn(dir: string, platforms: string[]): KrewArchive[] {
  const absent = platforms.filter((p) => !existsSync(join(dir, archiveName(...split(p)))));
  if (absent.length > 0) throw new Error(`no archive for ${absent.join(', ')} in ${dir}: run npm run package`);
  return platforms.map((platform) => {
    const [os, arch] = split(platform);
    const file = archiveName(os, arch);
    return { os, arch, file, sha256: createHash('sha256').update(readFileSync(join(dir, file))).digest('hex') };
  });
}

const split = (platform: string) => platform.split('/') as [string, string];

/** package.json's version and homepage: the one place that decides both (krew.yaml must follow). */
export function packageInfo(root = ROOT): { version: string; homepage: string } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; homepage: string };
  return { version: pkg.version, homepage: pkg.homepage };
}

/** The release URL the archives are downloaded from. */
export const releaseUrl = ({ version, homepage }: { version: string; homepage: string }) =>
  `${homepage}/releases/download/v${version}`;

interface Platform {
  os: string;
  arch: string;
  node: YAMLMap;
}

function platformsOf(doc: Document): Platform[] {
  const seq = doc.getIn(['spec', 'platforms'], true);
  if (!isSeq(seq)) throw new Error('krew.yaml: spec.platforms is not a list');
  return seq.items.filter(isMap).map((node) => ({
    os: String(node.getIn(['selector', 'matchLabels', 'os'])),
    arch: String(node.getIn(['selector', 'matchLabels', 'arch'])),
    node,
  }));
}

/** What in the template does not follow package.json, or is no placeholder where one belongs; empty when none. */
export function templateProblems(text: string, info = packageInfo()): string[] {
  const doc = parseDocument(text);
  const problems: string[] = doc.errors.map((error) => `krew.yaml: ${error.message}`);
  const expect = (path: string, actual: unknown, wanted: string) => {
    if (actual !== wanted) problems.push(`krew.yaml: ${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  expect('spec.version', doc.getIn(['spec', 'version']), `v${info.version}`);
  expect('spec.homepage', doc.getIn(['spec', 'homepage']), info.homepage);
  for (const { os, arch, node } of platformsOf(doc)) {
    const where = `spec.platforms[${os}/${arch}]`;
    expect(`${where}.uri`, node.get('uri'), `${releaseUrl(info)}/${archiveName(os, arch)}`);
    expect(`${where}.sha256`, node.get('sha256'), PLACEHOLDER);
    expect(`${where}.bin`, node.get('bin'), `kubectl-iot${os === 'windows' ? '.exe' : ''}`);
  }
  return problems;
}

/** The os/arch of every platform the template lists, in its order. */
export function templatePlatforms(text = readFileSync(TEMPLATE, 'utf8')): string[] {
  return platformsOf(parseDocument(text)).map(({ os, arch }) => `${os}/${arch}`);
}

/**
 * The manifest for `archives`: the template's platforms that have one, each with its sha256 (and its uri under
 * `baseUrl`, when given). Throws when the template does not follow package.json.
 */
export function krewManifest(archives: KrewArchive[], baseUrl?: string, text = readFileSync(TEMPLATE, 'utf8')): string {
  const problems = templateProblems(text);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const doc = parseDocument(text);
  const seq = doc.getIn(['spec', 'platforms'], true);
  for (const { os, arch, node } of platformsOf(doc)) {
    const archive = archives.find((entry) => entry.os === os && entry.arch === arch);
    if (isSeq(seq) && !archive) seq.delete(seq.items.indexOf(node));
    if (!archive) continue;
    node.set('sha256', new Scalar(archive.sha256)); // a new scalar: plain, not the placeholder's quotes
    if (baseUrl) node.set('uri', `${baseUrl}/${archive.file}`);
  }
  if (!isSeq(seq) || seq.items.length === 0) throw new Error('no archive for any platform of krew.yaml');
  return doc.toString({ lineWidth: 0, indentSeq: false }).replace(/^(#.*\n)+/, ''); // the template's notes are not the manifest's
}

/**
 * Runs validate-krew-manifest on `manifest` (the tool wants it named after the plugin: iot.yaml). With `install`
 * it also installs every platform from its uri, as the Krew index's CI does; asynchronous, so this process can
 * serve the archives meanwhile.
 */
export async function validateManifest(manifest: string, install: boolean, env: NodeJS.ProcessEnv = process.env):
  Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'krew-manifest-'));
  try {
    copyFileSync(manifest, join(dir, 'iot.yaml'));
    const args = ['-manifest', join(dir, 'iot.yaml'), ...(install ? [] : ['-skip-install'])];
    return await new Promise((done) => {
      execFile('validate-krew-manifest', args, { env, encoding: 'utf8', timeout: 120_000 },
        (error, stdout, stderr) => done({ ok: !error, output: `${error?.message ?? ''}\n${stdout}${stderr}` }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders the manifest of `platforms` from the archives in `dir` into `out`; validates it when asked. */
export async function renderManifest(dir: string, out: string, platforms: string[], validate: boolean,
  baseUrl?: string): Promise<KrewArchive[]> {
  const archives = archivesIn(dir, platforms);
  writeFileSync(out, krewManifest(archives, baseUrl));
  if (validate) {
    const { ok, output } = await validateManifest(out, false);
    if (!ok) {
      throw new Error(`validate-krew-manifest rejected ${out} (not on PATH? scripts/install-tools.sh krew, then ` +
        `eval "$(scripts/install-tools.sh --print-env)"):${output}`);
    }
  }
  return archives;
}

async function cli(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const dir = resolve(value('--dir') ?? KREW_DIR);
  const out = resolve(value('--out') ?? join(dir, 'iot.yaml'));
  const named = argv.filter((arg, i) => !arg.startsWith('--') && !argv[i - 1]?.match(/^--(out|base-url|dir)$/));
  const archives = await renderManifest(dir, out, named.length > 0 ? named : templatePlatforms(),
    argv.includes('--validate'), value('--base-url'));
  for (const archive of archives) console.log(`${archive.sha256}  ${archive.os}/${archive.arch}`);
  console.error(`gen-krew: wrote ${relative(ROOT, out)}${argv.includes('--validate') ? ', validate-krew-manifest passed' : ''}`);
}

if (require.main === module) {
  cli().catch((error: Error) => {
    console.error(`gen-krew: ${error.message}`);
    process.exitCode = 1;
  });
}
