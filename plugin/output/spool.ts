/**
 * Texts kept aside until they can be written: `check -o json` renders its projects batch by batch, but their list
 * comes after the summary, which is known only at the end. A million projects are about 2 GB of text, so past
 * `memoryLimit` characters the text goes to files in a temporary folder (removed on close): this thread's, and
 * those the worker threads append their batches' text to (appendSegment), read back in pieces, in order.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CliError, describeFsError } from '../errors';
import type { ProjectSink, Segment } from '../policy/evaluate';
import type { BatchFormat } from '../policy/types';
import { combineFacts, renderBatch } from './batch-render';

/** Text held in memory before the spool moves to files: 32 M characters (10,000 projects are about 14 M). */
const MEMORY_LIMIT = 32 * 1024 * 1024;
const READ_BYTES = 1 << 20;

export class TextSpool {
  private parts: (string | Segment)[] = [];
  private held = 0;
  private dir?: string;
  /** Stops watching for the signals that remove the folder (see removedOnInterrupt). */
  private unwatch?: () => void;

  constructor(private readonly memoryLimit = MEMORY_LIMIT) {}

  /** Adds `text` at the end: in memory below the limit, else in this thread's file. */
  add(text: string): void {
    if (text === '') return;
    if (this.held + text.length <= this.memoryLimit) {
      this.parts.push(text);
      this.held += text.length;
    } else {
      this.parts.push(appendSegment(this.folder(), 'main', text));
    }
  }

  /** Adds a piece a worker thread wrote into this spool's folder (see `folderForWorkers`). */
  addSegment(segment: Segment): void {
    if (segment.length > 0) this.parts.push(segment);
  }

  /** Where worker threads should write their text once memory holds enough; undefined while it does not. */
  folderForWorkers(): string | undefined {
    return this.dir !== undefined || this.held >= this.memoryLimit / 2 ? this.folder() : undefined;
  }

  /** Everything added, in order, in pieces, each added text joined to the one before by `separator`. */
  *texts(separator = ''): Generator<string> {
    for (const [i, part] of this.parts.entries()) {
      if (i > 0 && separator !== '') yield separator;
      if (typeof part === 'string') yield part;
      else yield* readSegment(part);
    }
  }

  /** Removes the folder, if there is one. */
  close(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.unwatch?.();
    this.unwatch = undefined;
  }

  private folder(): string {
    if (this.dir === undefined) {
      // Watched before it exists: a signal between the two must not leave it behind.
      this.unwatch = removedOnInterrupt(() => this.dir);
      try {
        this.dir = mkdtempSync(join(tmpdir(), 'kubectl-iot-'));
      } catch (error) {
        throw new CliError(`cannot make a temporary folder in ${tmpdir()} for the report's projects: ` +
          `${describeFsError(error as NodeJS.ErrnoException)}; set TMPDIR to a writable folder`, { cause: error });
      }
    }
    return this.dir;
  }
}

/**
 * A spool of a million projects holds about 2 GB: interrupted (Ctrl-C, a cancelled CI job's SIGTERM), the process
 * removes its folder, then dies of the signal as it would have. Returns what stops watching.
 */
function removedOnInterrupt(dir: () => string | undefined): () => void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    const made = dir();
    if (made !== undefined) rmSync(made, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  for (const signal of signals) process.on(signal, onSignal);
  return stop;
}

/** Appends `text` to the file `name` in `dir` (each thread has its own), returning where it went. */
export function appendSegment(dir: string, name: string, text: string): Segment {
  const file = join(dir, name);
  const bytes = Buffer.from(text, 'utf8');
  const fd = openSync(file, 'a', 0o600);
  try {
    const offset = fstatSync(fd).size;
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
    return { file, offset, length: bytes.length };
  } finally {
    closeSync(fd);
  }
}

function* readSegment({ file, offset, length }: Segment): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(Math.min(READ_BYTES, length));
    for (let done = 0; done < length;) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, length - done), offset + done);
      if (read === 0) throw new Error(`the spool file ${file} is shorter than what was written to it`);
      done += read;
      yield decoder.write(buffer.subarray(0, read));
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

/**
 * evaluateInventoryStreamed's sink for `spool`: projects written in `format` (output/batch-render.ts); `facts()`
 * gives what they need together once all are in.
 */
export function projectSink(spool: TextSpool, format: BatchFormat = 'json'): ProjectSink & { facts(): number[] } {
  let combined: number[] = [];
  return {
    format,
    render: (projects) => renderBatch(format, projects),
    folderForWorkers: () => spool.folderForWorkers(),
    add: (text, facts) => {
      combined = combineFacts(format, combined, facts);
      spool.add(text);
    },
    addSegment: (segment, facts) => {
      combined = combineFacts(format, combined, facts);
      spool.addSegment(segment);
    },
    facts: () => combined,
  };
}
