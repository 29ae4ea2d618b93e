/** The four styles kubectl-iot prints, through Node's own `util.styleText`. */
import { styleText } from 'node:util';

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  bold(text: string): string;
}

type Format = 'red' | 'yellow' | 'green' | 'bold';

// context.ts's colorFor() has already decided for the stream the text goes to (often stderr, or a
// report bound for a file), so styleText must not check stdout again: validateStream: false (an option since
// Node 20.18; 20.19 and 24 honour it). Each style closes with its own reset code, so styles nest.
const style = (format: Format) => (text: string): string => styleText(format, text, { validateStream: false });

const plain = (text: string): string => text;

/** The palette for `enabled`; with colours off every style returns its text unchanged. */
export function palette(enabled: boolean): Palette {
  if (!enabled) return { red: plain, yellow: plain, green: plain, bold: plain };
  return { red: style('red'), yellow: style('yellow'), green: style('green'), bold: style('bold') };
}
