/** Where text goes: data on stdout, people-facing text on stderr; colour only on a TTY without NO_COLOR. */
import { colorFor, type Context, type OutStream } from './context';

/**
 * The streams and environment of the running command. Handlers write through the context they are given; the
 * modules not handed one (check's progress line) read it here, which run() points at the same context.
 */
let current: Pick<Context, 'stdout' | 'stderr' | 'env'> = process;

/** Points colorEnabled and progress at `ctx` (cli.ts's run(), for one command); returns the last. */
export function useStreams(ctx: Pick<Context, 'stdout' | 'stderr' | 'env'>): Pick<Context, 'stdout' | 'stderr' | 'env'> {
  const previous = current;
  current = ctx;
  return previous;
}

/** Whether to colour text written to a stream. */
export function colorEnabled(stream: OutStream): boolean {
  return colorFor(current, stream);
}

/** How long a task runs before progress shows: 1 s, or KUBECTL_IOT_PROGRESS_DELAY_MS (tests set 0). */
function progressDelay(): number {
  const value = Number(current.env.KUBECTL_IOT_PROGRESS_DELAY_MS);
  return Number.isFinite(value) && value >= 0 ? value : 1000;
}

/**
 * Shows "label..." on stderr when a task outlives `delayMs` and stderr is a TTY; returns a function that
 * clears it. Short runs and pipes see nothing.
 */
export function progress(label: string, delayMs = progressDelay()): () => void {
  const stderr = current.stderr as NodeJS.WriteStream;
  if (!stderr.isTTY) return () => undefined;
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    stderr.write(`${label}...`);
  }, delayMs);
  timer.unref();
  return () => {
    clearTimeout(timer);
    // Back to the line's start and clear it (the tty stream's own methods write the control sequences).
    if (shown) {
      stderr.cursorTo(0);
      stderr.clearLine(1);
    }
  };
}

/** How "-" (stdin) reaches command handlers: yargs drops a lone "-", and no file can be named this. */
export const STDIN_ARG = '\u0000-';

/** A path argument as the user typed it: "-" for stdin. */
export function pathArg(value: string): string {
  return value === STDIN_ARG ? '-' : value;
}
