// yargs' platform for the bundles, in place of its ES module shim (lib/platform-shims/esm.mjs; scripts/bundle-options.mjs
// swaps it in). Same interface, four differences that each cost a `create` milliseconds at start-up:
// - no node:assert (~2 ms to load): yargs only asserts its own invariants, and catches the one it expects to fail;
// - no search for a package.json from the working directory up (a readdir of every folder on the way, and an
//   AssertionError when none is found): yargs would only guess a --version from it, which kubectl-iot turns off;
// - no fileURLToPath(import.meta.url), which throws in a CommonJS bundle (a Node error with its stack, every start);
// - the terminal's width is read from process.stdout only when yargs asks for it.
// The locale folder is beside the bundle, where there is none: the help is in English, as from the sources.
import { inspect } from 'node:util';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import cliui from 'cliui';
import Parser from 'yargs-parser';
import y18n from 'y18n';
import { getProcessArgvBin } from '../node_modules/yargs/build/lib/utils/process-argv.js';
import { YError } from '../node_modules/yargs/build/lib/yerror.js';

function invariant(holds, message) {
  if (!holds) throw new Error(message ?? 'yargs: internal assertion failed');
}

const unsupported = (what) => () => {
  throw new YError(`${what} is not supported in the kubectl-iot bundle`);
};

export default {
  assert: {
    notStrictEqual: (actual, expected, message) => invariant(!Object.is(actual, expected), message),
    strictEqual: (actual, expected, message) => invariant(Object.is(actual, expected), message),
  },
  cliui,
  findUp: () => undefined,
  getEnv: (key) => process.env[key],
  inspect,
  getCallerFile: unsupported('commandDir'),
  getProcessArgvBin,
  mainFilename: process.cwd(),
  Parser,
  path: { basename, dirname, extname, relative, resolve },
  process: {
    argv: () => process.argv,
    cwd: process.cwd,
    emitWarning: (warning, type) => process.emitWarning(warning, type),
    execPath: () => process.execPath,
    exit: process.exit,
    nextTick: process.nextTick,
    // Read when asked (yargs asks only without .wrap(), which kubectl-iot always sets): process.stdout costs.
    get stdColumns() {
      return typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null;
    },
  },
  readFileSync,
  require: unsupported('require'),
  requireDirectory: unsupported('commandDir'),
  stringWidth: (text) => [...text].length,
  y18n: y18n({ directory: join(__dirname, 'locales'), updateFiles: false }),
};
