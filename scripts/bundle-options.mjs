// esbuild options both bundles of the CLI share (scripts/build.mjs for npm, scripts/build-sea.mjs for Krew).

// yargs' ES module build wraps help with a stand-in that cuts words in two ("infrastruc / ture"); its CommonJS
// build wraps at word boundaries (wrap-ansi). `import` would pick the former, so the bundles take the latter.
export const YARGS_CJS = { yargs: './node_modules/yargs/index.cjs', 'yargs/helpers': './node_modules/yargs/helpers/index.js' };
