/** The single executable and its Krew archive (scripts/build-sea.mjs), rebuilt only when an input is newer. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SEA_DIR } from '../../scripts/gen-krew';
import { ROOT } from './cli';

export const SEA_ARCHIVE = join(SEA_DIR, 'kubectl-iot_linux_amd64.tar.gz');

/** Everything the archive is built from; the Node binary is added when known. */
const INPUTS = ['plugin', 'policies/build', 'kustomize/crds', 'kustomize/infrastructure', 'scripts/build-sea.mjs',
  'package.json', 'package-lock.json', 'LICENSE', 'README.md'];

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds dist/sea when missing or older than its inputs (a build takes ~20 s); returns the archive's path. */
export function freshSeaArchive(): string {
  const node = process.env.KUBECTL_IOT_NODE24;
  const inputs = [...INPUTS.map((p) => join(ROOT, p)), ...(node ? [node] : [])];
  const newest = Math.max(...inputs.map(newestMtime));
  if (existsSync(SEA_ARCHIVE) && statSync(SEA_ARCHIVE).mtimeMs > newest) return SEA_ARCHIVE;
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-sea.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`scripts/build-sea.mjs failed:\n${built.stderr}`);
  return SEA_ARCHIVE;
}
