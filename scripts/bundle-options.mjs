// esbuild options both bundles of the CLI share (scripts/build.mjs for npm, scripts/build-sea.mjs for Krew).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPTS = dirname(fileURLToPath(import.meta.url));

// yargs' ES module build wraps help with cliui's stand-in that cuts words in two ("infrastruc / ture"):
// scripts/cliui-words.mjs gives it a wrap at word boundaries instead (yargs' CommonJS build would too, but loads
// three more packages on every start).
export const YARGS_ALIASES = { cliui: './scripts/cliui-words.mjs' };

/**
 * What the bundles change in yargs, for start-up time (npm run bench: create project -o yaml), each checked here so
 * that a yargs release which moved the code fails the build instead of silently losing the change:
 * - its platform shim is scripts/yargs-shim.mjs (no node:assert, no package.json search, no throwing
 *   fileURLToPath; see there);
 * - it does not render the help of a command after running its handler, to keep for a later showHelp() (yargs'
 *   cacheHelpMessage: ~3 ms of layout per run). kubectl-iot never shows help after a handler ran: its handlers
 *   throw, and its fail() callback prints one line instead of the help.
 */
export const YARGS_PLUGIN = {
  name: 'kubectl-iot-yargs',
  setup(build) {
    build.onResolve({ filter: /platform-shims[\\/]esm\.mjs$/ }, (args) =>
      (/[\\/]node_modules[\\/]yargs([\\/]|$)/.test(args.resolveDir) ? { path: join(SCRIPTS, 'yargs-shim.mjs') } : undefined));
    build.onLoad({ filter: /[\\/]node_modules[\\/]yargs[\\/]build[\\/]lib[\\/]usage\.js$/ }, (args) => ({
      contents: replaceOnce(readFileSync(args.path, 'utf8'), 'cachedHelpMessage = this.help();', '', args.path),
      loader: 'js',
    }));
  },
};

function replaceOnce(source, from, to, file) {
  if (source.split(from).length !== 2) throw new Error(`${file}: expected "${from}" exactly once (yargs changed?)`);
  return source.replace(from, to);
}

/**
 * Makes a bundle plain ASCII, for the launcher's read: V8 keeps an ASCII source in one byte a character, and
 * decodes it fastest. esbuild already escapes every non-ASCII character of the code; only comments of bundled
 * packages keep some (js-yaml's “quotes”), and those become "?" (one UTF-16 unit for one: source map columns stay
 * right). A non-ASCII character on a line with no comment before it fails the build instead.
 */
export function asciiBundle(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/^.*[^\x00-\x7f].*$/gm, (line) => {
    const at = line.search(/[^\x00-\x7f]/);
    if (!/\/\/|\/\*|^\s*\*/.test(line.slice(0, at))) throw new Error(`${file}: non-ASCII outside a comment: ${line.slice(0, 200)}`);
    return line.replace(/[^\x00-\x7f]/g, '?');
  });
  if (ascii !== text) writeFileSync(file, ascii);
}
