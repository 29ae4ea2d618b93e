// esbuild options both bundles of the CLI share (scripts/build.mjs for npm, scripts/build-sea.mjs for Krew).

// yargs' ES module build wraps help with cliui's stand-in that cuts words in two ("infrastruc / ture"):
// scripts/cliui-words.mjs gives it a wrap at word boundaries instead (yargs' CommonJS build would too, but loads
// three more packages on every start).
export const YARGS_ALIASES = { cliui: './scripts/cliui-words.mjs' };
