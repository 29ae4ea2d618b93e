/** Where text goes: data on stdout, people-facing text on stderr; colour only on a TTY without NO_COLOR. */

/** Whether to colour text written to a stream. */
export function colorEnabled(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

/** How long a task runs before progress shows: 1 s, or KUBECTL_IOT_PROGRESS_DELAY_MS (tests set 0). */
function progressDelay(): number {
  const value = Number(process.env.KUBECTL_IOT_PROGRESS_DELAY_MS);
  return Number.isFinite(value) && value >= 0 ? value : 1000;
}

/** Writes data to stdout. */
export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

/** Writes a message for people to stderr. */
export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * Shows "label..." on stderr when a task outlives `delayMs` and stderr is a TTY; returns a function that
 * clears it. Short runs and pipes see nothing.
 */
export function progress(label: string, delayMs = progressDelay()): () => void {
  if (!process.stderr.isTTY) return () => undefined;
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    process.stderr.write(`${label}...`);
  }, delayMs);
  timer.unref();
  return () => {
    clearTimeout(timer);
    // Back to the line's start and clear it (the tty stream's own methods write the control sequences).
    if (shown) {
      process.stderr.cursorTo(0);
      process.stderr.clearLine(1);
    }
  };
}

/** How "-" (stdin) reaches command handlers: yargs drops a lone "-", and no file can be named this. */
export const STDIN_ARG = '\u0000-';

/** A path argument as the user typed it: "-" for stdin. */
export function pathArg(value: string): string {
  return value === STDIN_ARG ? '-' : value;
}
