/**
 * Runs `kubectl iot <args>` inside the test's process, on the current sources (tsx): cli.ts's run() with a context
 * whose stdout and stderr are captured and are not TTYs, whose stdin is `input`, and whose environment is the
 * test's with the colour variables cleared, as runCli's is. No build, no process start: the engine loads once.
 */
import { Readable, Writable } from 'node:stream';
import { run } from '../../plugin/cli';
import { defaultContext, type Context } from '../../plugin/context';
import { ROOT, type CliResult } from './cli';

export interface InProcessOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  /** Relative paths resolve against it: the process changes into it for the run (tests run one at a time). */
  cwd?: string;
  /**
   * Mark stdin and stderr as terminals, as for a person typing `input` (create --apply then asks its question).
   * Not for check: its progress line moves a real terminal's cursor, which the captured stream has not.
   */
  terminal?: boolean;
}

/** A stream that keeps what is written to it. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runInProcess(args: string[], options: InProcessOptions = {}): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const ctx: Context = {
    ...defaultContext(),
    stdout: stdout.stream,
    stderr: Object.assign(stderr.stream, { isTTY: options.terminal }),
    stdin: Object.assign(Readable.from([Buffer.from(options.input ?? '')]), { isTTY: options.terminal }),
    env,
  };
  const before = process.cwd();
  process.chdir(options.cwd ?? ROOT);
  try {
    const code = await run(args, ctx);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.chdir(before);
  }
}
