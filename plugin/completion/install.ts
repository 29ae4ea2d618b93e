/**
 * `kubectl iot completion install`: kubectl >= 1.26 completes `kubectl iot <TAB>` by running an executable named
 * kubectl_complete-iot from PATH with the words typed (its pluginCompletion). The npm package ships one in bin/;
 * Krew installs only the plugin's own executable (krew#812), so this writes it beside the plugin kubectl finds.
 */
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { CliError, describeFsError } from '../errors';
import { COBRA_REQUEST } from './complete';

export const COMPLETE_EXECUTABLE = 'kubectl_complete-iot';

const windows = process.platform === 'win32';

/** The folder of the `kubectl-iot` kubectl runs: the first on `env`'s PATH (Krew's bin: a link into its store), else ours. */
export function pluginDir(env: NodeJS.ProcessEnv): string {
  const names = windows ? ['kubectl-iot.exe', 'kubectl-iot.cmd', 'kubectl-iot'] : ['kubectl-iot'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (names.some((name) => existsSync(join(dir, name)))) return dir;
  }
  // Not on PATH (yet): beside the running executable (the single executable, or the npm launcher in bin/).
  return dirname(process.argv[1] ?? process.execPath);
}

/** The file's name and text for this platform. It runs the plugin kubectl would (PATH), so it outlives upgrades. */
export function completeExecutable(): { name: string; text: string } {
  if (windows) return { name: `${COMPLETE_EXECUTABLE}.cmd`, text: `@kubectl-iot ${COBRA_REQUEST} %*\r\n` };
  return {
    name: COMPLETE_EXECUTABLE,
    text: `#!/bin/sh\n# Written by kubectl iot completion install: kubectl >= 1.26 runs it for kubectl iot <TAB>.\n` +
      `exec kubectl-iot ${COBRA_REQUEST} "$@"\n`,
  };
}

/** Writes kubectl_complete-iot into `dir` and returns its path. */
export function installCompleteExecutable(dir: string): string {
  const { name, text } = completeExecutable();
  const file = join(dir, name);
  try {
    writeFileSync(file, text);
    chmodSync(file, 0o755);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${describeFsError(error as NodeJS.ErrnoException)}; give another folder on PATH with --dir`);
  }
  return file;
}
