// cliui for the bundles (scripts/bundle-options.mjs aliases `cliui` here): yargs' ES module build uses cliui's ES
// entry, whose stand-in `wrap` cuts every line at the width, words included ("infrastruc / ture"). This one wraps
// at spaces and cuts only a word longer than a whole line; the CommonJS entry's wrap-ansi would do the same, at the
// cost of three more packages to load on every start.
import { cliui } from '../node_modules/cliui/build/lib/index.js';
import { stripAnsi } from '../node_modules/cliui/build/lib/string-utils.js';

/** `text` (the help has no colour codes) wrapped to `width` columns at spaces. */
export function wrapWords(text, width) {
  const lines = [];
  for (const paragraph of stripAnsi(text).split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ')) {
      while (word.length > width) {
        if (line) lines.push(line);
        lines.push(word.slice(0, width));
        word = word.slice(width);
        line = '';
      }
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

export default function ui(opts) {
  return cliui(opts, { stringWidth: (text) => [...text].length, stripAnsi, wrap: wrapWords });
}
