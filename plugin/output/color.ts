/** A tiny ANSI palette: kubectl-iot needs four styles, not a dependency. */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  bold(text: string): string;
}

// Each style closes with its own reset code so styles can nest without cancelling each other.
function style(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain = (text: string): string => text;

/** The palette for `enabled`; with colours off every style returns its text unchanged. */
export function palette(enabled: boolean): Palette {
  if (!enabled) return { red: plain, yellow: plain, green: plain, bold: plain };
  return { red: style(31, 39), yellow: style(33, 39), green: style(32, 39), bold: style(1, 22) };
}
