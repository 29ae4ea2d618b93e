/**
 * Writes the Krew manifest (dist/sea/krew.yaml) for the archives scripts/build-sea.mjs built, with their real
 * sha256. Generated, not committed: every change to the plugin or its assets changes the archive's bytes.
 * Usage: node --require tsx/cjs scripts/gen-krew.ts [--base-url URL] [--out FILE] [--validate] [OS/ARCH...]
 *   OS/ARCH     the platforms to list (e.g. linux/amd64); default every archive in dist/sea
 *   --base-url  where the archives are downloaded from; default the GitHub release of the package version
 *   --validate  then run validate-krew-manifest on it (structure only: the release does not exist yet)
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
export const SEA_DIR = join(ROOT, 'dist', 'sea');
/** Where the project lives; package.json has no homepage yet (it wins once it has one). */
const DEFAULT_HOMEPAGE = 'https://github.com/EnMasseProject/kubectl-iot';
const ARCHIVE = /^kubectl-iot_([a-z]+)_([a-z0-9]+)\.tar\.gz$/;

export interface KrewArchive {
  os: string;
  arch: string;
  file: string;
  sha256: string;
}

/** The Krew archives in `dir` (kubectl-iot_<os>_<arch>.tar.gz) with their sha256, sorted by os and arch. */
export function archivesIn(dir = SEA_DIR): KrewArchive[] {
  return readdirSync(dir).filter((name) => ARCHIVE.test(name)).sort().map((name) => {
    const [, os, arch] = ARCHIVE.exec(name) as RegExpExecArray;
    const sha256 = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
    return { os, arch, file: name, sha256 };
  });
}

/** The package's version and homepage. */
export function packageInfo(): { version: string; homepage: string } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage?: string };
  return { version: pkg.version, homepage: pkg.homepage ?? DEFAULT_HOMEPAGE };
}

/** The manifest text: plugin `iot` (run as `kubectl iot`), one platform per archive. */
export function krewManifest(archives: KrewArchive[], baseUrl?: string): string {
  if (archives.length === 0) throw new Error('no Krew archive: run scripts/build-sea.mjs first');
  const { version, homepage } = packageInfo();
  const base = baseUrl ?? `${homepage}/releases/download/v${version}`;
  const platforms = archives.map(({ os, arch, file, sha256 }) => `  - selector:
      matchLabels:
        os: ${os}
        arch: ${arch}
    uri: ${base}/${file}
    sha256: ${sha256}
    bin: kubectl-iot${os === 'windows' ? '.exe' : ''}
`).join('');
  return `apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: iot
spec:
  version: v${version}
  homepage: ${homepage}
  shortDescription: Create, check and explain EnMasse IoT projects
  description: |
    kubectl iot creates, checks and explains the IoT layer of EnMasse (Eclipse Hono):
    IoT infrastructure (IoTConfig), messaging tenants and IoT projects. It predicts, before
    merge, the status the controller will give each IoTProject of a GitOps tree (Failed for
    a missing messaging tenant or IoT infrastructure, with the command that fixes it), checks
    the tree against its policy pack, and writes new projects into the right kustomization.
    It is a single executable: Node.js need not be installed.
  platforms:
${platforms}`;
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

async function cli(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const out = resolve(value('--out') ?? join(SEA_DIR, 'krew.yaml'));
  // Another build's archives may lie beside this one's: list only the platforms asked for.
  const platforms = argv.filter((arg, i) => !arg.startsWith('--') && !argv[i - 1]?.match(/^--(out|base-url)$/));
  const archives = archivesIn().filter(({ os, arch }) => platforms.length === 0 || platforms.includes(`${os}/${arch}`));
  const absent = platforms.filter((platform) => !archives.some(({ os, arch }) => `${os}/${arch}` === platform));
  if (absent.length > 0) throw new Error(`no archive for ${absent.join(', ')} in ${relative(ROOT, SEA_DIR)}`);
  writeFileSync(out, krewManifest(archives, value('--base-url')));
  for (const archive of archives) console.log(`${archive.sha256}  ${archive.os}/${archive.arch}`);
  console.error(`gen-krew: wrote ${relative(ROOT, out)}`);
  if (argv.includes('--validate')) {
    const { ok, output } = await validateManifest(out, false);
    if (!ok) {
      throw new Error(`validate-krew-manifest rejected ${out} (not on PATH? scripts/install-tools.sh krew, then ` +
        `eval "$(scripts/install-tools.sh --print-env)"):${output}`);
    }
    console.error('gen-krew: validate-krew-manifest -skip-install passed');
  }
}

if (require.main === module) {
  cli().catch((error: Error) => {
    console.error(`gen-krew: ${error.message}`);
    process.exitCode = 1;
  });
}
