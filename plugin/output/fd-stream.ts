/**
 * The process's stdout and stderr for the commands (plugin/context.ts): for a pipe, a socket or a file, a writer
 * straight to the descriptor; for anything else (a terminal, /dev/null) process.stdout and process.stderr. Creating
 * process.stdout for a pipe loads Node's net and stream modules, a few milliseconds of a `create`'s start-up
 * (npm run bench), and its writes to a pipe (on Linux) or a file are synchronous anyway, as these are. (node:tty
 * would tell a terminal apart, but loads those same modules: fstat tells pipes and files apart instead.)
 */
import { EventEmitter } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';

/** A stream a handler writes to (plugin/context.ts); a TTY's columns decide the help's width. */
export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * Writes synchronously to `fd`, as Node's stdout does for files. A reader that went away (EPIPE) gets nothing
 * more, silently, as a process killed by SIGPIPE would give it; a non-blocking descriptor that is full (EAGAIN,
 * which Node's own stream waits out) hands this and every later write to `fallback()`, in order.
 */
export class FdStream extends EventEmitter {
  readonly isTTY = false;
  private closed = false;
  private delegate?: NodeJS.WritableStream;

  /** `writeTo` is fs.writeSync but for tests, which cannot make a real descriptor refuse with EAGAIN. */
  constructor(private readonly fd: number, private readonly fallback: () => NodeJS.WritableStream,
    private readonly writeTo: (fd: number, data: Uint8Array) => number = writeSync) {
    super();
  }

  write(chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (this.delegate) return this.delegate.write(chunk, done);
    let data = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    try {
      while (!this.closed && data.length > 0) data = data.subarray(this.writeTo(this.fd, data));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        this.delegate = this.fallback();
        // A caller that waits for 'drain' (a full pipe) waits on this stream: the delegate's drain is its drain.
        this.delegate.on('drain', () => this.emit('drain'));
        return this.delegate.write(data, done);
      }
      if (code !== 'EPIPE') throw error;
      this.closed = true;
    }
    if (done) process.nextTick(done);
    return true;
  }
}

const made = new Map<number, OutStream>();

/**
 * The process's stream for descriptor `fd` (1 or 2), one per process: an FdStream when it is a pipe, a socket
 * (what Node's child_process makes for 'pipe') or a file, else process.stdout or process.stderr.
 */
export function processStream(fd: 1 | 2): OutStream {
  let stream = made.get(fd);
  if (!stream) {
    const real = () => (fd === 1 ? process.stdout : process.stderr);
    stream = pipeOrFile(fd) ? (new FdStream(fd, real) as unknown as OutStream) : real();
    made.set(fd, stream);
  }
  return stream;
}

function pipeOrFile(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    return false;
  }
}
