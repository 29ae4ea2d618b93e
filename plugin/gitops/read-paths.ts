/** How the inventory reader (read.ts) names and resolves files and folders in what it reports, and why it refuses some. */
import { realpathSync, type Dirent, type Stats } from 'node:fs';
import type { Problem } from './parse';
import { notAnObject } from './parse-objects';
import { isAbsolute, relative, sep } from 'node:path';

/** A path below `root`, with forward slashes whatever the platform ('' for the root itself). */
export function relativeTo(root: string, file: string): string {
  const path = relative(root, file);
  return sep === '/' ? path : path.split(sep).join('/');
}

/** A folder in a problem: relative to the root it was found in, or as the working directory `cwd` sees it. */
export function folderName(root: string, dir: string, cwd: string): string {
  return relativeTo(root, dir) || cwdName(cwd, dir);
}

/** A path as the working directory `cwd` sees it: '.' for it, relative below it, else the path as given. */
export function cwdName(cwd: string, path: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === '' ? '.' : fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd.split(sep).join('/');
}

export function notRegular(info: Stats | Dirent): string {
  const what = info.isFIFO() ? 'a FIFO (named pipe)' : info.isSocket() ? 'a socket'
    : info.isCharacterDevice() ? 'a character device' : info.isBlockDevice() ? 'a block device' : 'not a regular file';
  return `not a regular file but ${what}; refusing to read it (pipe manifests into - instead)`;
}

/** `text` as one word of a POSIX shell command: as it is when that is safe, else single-quoted. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `problem` of a file a folder walk found, with the --exclude that leaves the file out when it is no manifest. */
export function excludeHint(problem: Problem): Problem {
  if (!notAnObject(problem.message)) return problem;
  return { ...problem, message: `${problem.message}; if the file is no manifest, leave it out with --exclude ${shellWord(problem.file)}` };
}

/**
 * A file's real path, or the path itself where it has none; synchronous, as the reads are (read-file.ts): a source
 * listing thousands of files waited on the thread pool's round trips for most of its reading.
 */
export function realPathOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}
