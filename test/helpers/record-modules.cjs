// Preloaded with `node -r` by tests: at exit, writes every module file the process loaded (require.cache) to the
// file named by $RECORD_MODULES, one per line, so a test can prove what a command did not import.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.RECORD_MODULES;
if (target) {
  process.on('exit', () => writeFileSync(target, `${Object.keys(require.cache).join('\n')}\n`));
}
