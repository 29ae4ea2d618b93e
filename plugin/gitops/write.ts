/**
 * Writes files into a user's GitOps tree safely: every path stays inside the tree (no `..`, absolute paths
 * or symlinks out), every write is atomic (temp file + rename/link), nothing is overwritten without `force`,
 * and everything is checked before the first byte is written.
 */
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, unlinkSync,
  writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CliError, describeFsError } from '../errors';

/** One file to write, relative to the tree's root. */
export interface PlannedFile {
  path: string;
  /** Text (written as UTF-8) or bytes (a policy export's policy.wasm). */
  content: string | Uint8Array;
  /** An existing file the plan changes on purpose (a kustomization.yaml gaining an entry). */
  update?: boolean;
  /** An existing file the plan deletes (its last object was deleted). */
  remove?: boolean;
}

/** What a write did, for the message on stderr. */
export interface WriteResult {
  created: string[];
  updated: string[];
  removed: string[];
}

/** Resolves `path` inside `root`, refusing anything that would land outside it. */
export function insideTree(root: string, path: string): string {
  if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
    throw new CliError(`refusing to write "${path}": paths must stay inside ${root}`);
  }
  const target = resolve(root, path);
  const realRoot = realpathSync(root);
  // The deepest existing ancestor decides where the file really lands (it may be a symlink).
  let existing = dirname(target);
  while (!exists(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    throw new CliError(`refusing to write "${path}": ${relative(root, existing) || '.'} leads outside ${root}`);
  }
  if (exists(target) && lstatSync(target).isSymbolicLink()) {
    throw new CliError(`refusing to write "${path}": it is a symbolic link`);
  }
  return target;
}

/** Throws unless every file of the plan can be written: inside the tree, and new (or `force`). */
export function checkPlan(root: string, files: PlannedFile[], force: boolean): { file: PlannedFile; target: string }[] {
  checkRoot(root);
  const targets = files.map((file) => ({ file, target: insideTree(root, file.path) }));
  const clashes = targets.filter(({ file, target }) => !file.update && !file.remove && exists(target));
  if (clashes.length > 0 && !force) {
    const names = clashes.map(({ file }) => file.path).join(', ');
    throw new CliError(`${names} already exist${clashes.length === 1 ? 's' : ''} in ${root}; use --force to overwrite`);
  }
  return targets;
}

/** Writes all files of a plan, or none when any would be overwritten without `force`. */
export function writePlan(root: string, files: PlannedFile[], force: boolean): WriteResult {
  const targets = checkPlan(root, files, force);
  const result: WriteResult = { created: [], updated: [], removed: [] };
  for (const { file, target } of targets) {
    const existed = exists(target);
    if (file.remove) {
      if (existed) removeFile(target);
      result.removed.push(file.path);
      continue;
    }
    atomicWrite(target, file.content, existed);
    (existed ? result.updated : result.created).push(file.path);
  }
  return result;
}

function checkRoot(root: string): void {
  let info;
  try {
    info = lstatSync(root);
  } catch (error) {
    throw new CliError(`--gitops-dir ${root}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  if (!info.isDirectory() && !info.isSymbolicLink()) throw new CliError(`--gitops-dir ${root}: not a directory`);
}

/** Writes via a temp file in the same folder; a new file is linked into place so a racing writer cannot be clobbered. */
function atomicWrite(target: string, content: string | Uint8Array, replace: boolean): void {
  try {
    mkdirSync(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${process.pid}.${Date.now()}.kubectl-iot.tmp`);
    const fd = openSync(temp, 'wx', 0o644);
    try {
      if (typeof content === 'string') writeSync(fd, content);
      else writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (replace) renameSync(temp, target);
    else {
      try {
        linkSync(temp, target);
      } finally {
        unlinkSync(temp);
      }
    }
  } catch (error) {
    const code = error as NodeJS.ErrnoException;
    if (code.code === 'EEXIST') throw new CliError(`${target} appeared while writing; nothing was overwritten`);
    throw new CliError(`cannot write ${target}: ${describeFsError(code)}`, { cause: error });
  }
}

function removeFile(target: string): void {
  try {
    unlinkSync(target);
  } catch (error) {
    throw new CliError(`cannot remove ${target}: ${describeFsError(error as NodeJS.ErrnoException)}`, { cause: error });
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
