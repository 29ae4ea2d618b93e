/**
 * One manifest file of a folder walk, read and parsed in one step, so that the step can run on a worker thread
 * (threads/pool.ts) as well as in this one. Reads are synchronous: for the small files of a GitOps tree, open,
 * stat, read and close through the thread pool's promises cost about four times the CPU (2,000 files: ~280 ms
 * against ~60 ms here).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { LIMITS } from './limits';
import { encodeObject, type EncodedParts } from '../policy/encoded';
import { readManifests, type ReadResult } from './parse';

/** A file's size and what readManifests found in it (nothing read beyond the size limit); or why it could not be read. */
export interface ParsedFile {
  size?: number;
  result?: ReadResult;
  /** result, with each object as its JSON text and head: what a worker thread sends (see policy/encoded.ts). */
  encoded?: EncodedResult;
  /** A plain copy of the error (it may cross threads, where an Error loses its `code`). */
  error?: { code?: string; message: string };
}

export interface EncodedResult {
  objects: (EncodedParts & { line: number })[];
  problems: ReadResult['problems'];
  shapeless?: true;
}

/** `parsed` as a worker thread sends it: its objects encoded (policy/encoded.ts). */
export function encodeParsed(parsed: ParsedFile): ParsedFile {
  if (!parsed.result) return parsed;
  const { objects, problems, shapeless } = parsed.result;
  const encoded: EncodedResult = { problems, objects: objects.map(({ object, line }) => ({ line, ...encodeObject(object) })) };
  if (shapeless) encoded.shapeless = shapeless;
  return { size: parsed.size, encoded };
}

/** A file to read and parse: `shown` names it in problems; `flux`: as Flux's generator takes it (parse.ts). */
export interface FileToParse {
  full: string;
  shown: string;
  flux?: true;
}

/** Reads and parses each file `full`, naming it `shown` in problems. */
export type ParseFiles = (files: FileToParse[]) => Promise<ParsedFile[]>;

/** parseFileSync of each file, in this thread: what a ParseFiles does, here or on a worker thread. */
export function parseFilesSync(files: FileToParse[]): ParsedFile[] {
  return files.map(({ full, shown, flux }) => parseFileSync(full, shown, flux));
}

export function parseFileSync(full: string, shown: string, flux?: boolean): ParsedFile {
  let fd: number;
  try {
    // Non-blocking: a file swapped for a FIFO after the walk saw it must not hang the read.
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { error: plain(error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { error: { message: 'not a regular file' } };
    if (info.size > LIMITS.fileBytes) return { size: info.size };
    return { size: info.size, result: readManifests(readFileSync(fd), shown, flux ? { flux } : {}) };
  } catch (error) {
    return { error: plain(error) };
  } finally {
    closeSync(fd);
  }
}

function plain(error: unknown): { code?: string; message: string } {
  const { code, message } = error as NodeJS.ErrnoException;
  return { code, message: String(message) };
}
