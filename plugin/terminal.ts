/** Progress on a terminal, and how "-" (stdin) reaches command handlers. */
import type { Context } from './context';

/** How long a task runs before progress shows: 1 s, or KUBECTL_IOT_PROGRESS_DELAY_MS (tests set 0). */
function progressDelay(env: NodeJS.ProcessEnv): number {
  const value = Number(env.KUBECTL_IOT_PROGRESS_DELAY_MS);
  return Number.isFinite(value) && value >= 0 ? value : 1000;
}

/**
 * Shows "label..." on the context's stderr when a task outlives `delayMs` and that stderr is a TTY; returns a
 * function that clears it. Short runs and pipes see nothing.
 */
export function progress(ctx: Pick<Context, 'stderr' | 'env'>, label: string, delayMs = progressDelay(ctx.env)): () => void {
  const stderr = ctx.stderr as NodeJS.WriteStream;
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
