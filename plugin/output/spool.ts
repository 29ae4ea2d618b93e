/**
 * Text kept aside until it can be written: `check -o json` renders its projects batch by batch, but their list
 * comes after the summary, which is known only at the end. A million projects are about 2 GB of text, so past
 * `memoryLimit` characters the text goes to a temporary file (removed on close), read back in pieces.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ProjectStatus } from '../policy/types';
import { projectsText } from './json';

/** Text held in memory before the spool moves to a file: 32 M characters (10,000 projects are about 14 M). */
const MEMORY_LIMIT = 32 * 1024 * 1024;
const READ_BYTES = 1 << 20;

export class TextSpool {
  private held: string[] = [];
  private heldLength = 0;
  private file?: { dir: string; fd: number };

  constructor(private readonly memoryLimit = MEMORY_LIMIT) {}

  /** Adds `text` at the end. */
  add(text: string): void {
    if (text === '') return;
    if (!this.file && this.heldLength + text.length <= this.memoryLimit) {
      this.held.push(text);
      this.heldLength += text.length;
      return;
    }
    if (!this.file) {
      const dir = mkdtempSync(join(tmpdir(), 'kubectl-iot-'));
      this.file = { dir, fd: openSync(join(dir, 'spool'), 'w+', 0o600) };
      for (const piece of this.held) writeSync(this.file.fd, piece);
      this.held = [];
      this.heldLength = 0;
    }
    writeSync(this.file.fd, text);
  }

  /** Everything added, in order, in pieces. */
  *texts(): Generator<string> {
    yield* this.held;
    if (!this.file) return;
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    for (let position = 0; ;) {
      const read = readSync(this.file.fd, buffer, 0, READ_BYTES, position);
      if (read === 0) break;
      position += read;
      yield decoder.write(buffer.subarray(0, read));
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  }

  /** Removes the file, if there is one. */
  close(): void {
    if (!this.file) return;
    closeSync(this.file.fd);
    rmSync(this.file.dir, { recursive: true, force: true });
    this.file = undefined;
  }
}

/** evaluateInventoryStreamed's `onProjects` for `spool`: each batch's projects as the report's list has them. */
export function spoolProjects(spool: TextSpool): (projects: ProjectStatus[]) => void {
  let first = true;
  return (projects) => {
    spool.add(first ? projectsText(projects) : `,\n${projectsText(projects)}`);
    first = false;
  };
}
