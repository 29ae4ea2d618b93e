/**
 * The Krew archives of `npm run package` (scripts/package.ts) in dist/krew: built once for a given set of inputs
 * and reused after that, by the Node 20 and the Node 24 run alike (package.ts holds a lock while it builds).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { archiveName, KREW_DIR, templatePlatforms } from '../../scripts/gen-krew';
import { buildArchives, missingFor } from '../../scripts/package';

export const SEA_ARCHIVE = join(KREW_DIR, archiveName('linux', 'amd64'));

/** Builds dist/krew's linux/amd64 archive when its inputs changed (a build takes ~20 s); returns its path. */
export function freshSeaArchive(): string {
  buildArchives(['linux/amd64']);
  return SEA_ARCHIVE;
}

/** The platforms of krew.yaml this machine can build, and what each of the others lacks. */
export function buildable(): { ready: string[]; lacking: string[] } {
  const platforms = templatePlatforms();
  const ready = platforms.filter((platform) => missingFor(platform).length === 0);
  const lacking = platforms.filter((platform) => !ready.includes(platform))
    .map((platform) => `${platform} (scripts/install-tools.sh ${missingFor(platform).join(' ')})`);
  return { ready, lacking };
}

/** The archives of `platforms`, built or reused, by os/arch. */
export function packaged(platforms: string[]): Map<string, string> {
  return new Map(buildArchives(platforms).map(({ platform, archive }) => [platform, archive]));
}

/** Unpacks `archive` into `dir` (made if needed); returns `dir`. */
export function unpack(archive: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const result = spawnSync('tar', ['--extract', '--gzip', '--file', archive, '--directory', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tar could not unpack ${archive}: ${result.stderr}`);
  return dir;
}
