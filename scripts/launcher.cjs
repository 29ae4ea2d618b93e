#!/usr/bin/env node
'use strict';
// Starts kubectl-iot with V8's code cache, kept in $XDG_CACHE_HOME/kubectl-iot/v8 (~/.cache), so a command does not
// compile the bundle each time it starts (npm run bench: create project -o yaml). Two uses, one file:
//   bin/kubectl-iot (scripts/build.mjs copies it there): the bundle is dist/kubectl-iot.cjs;
//   the single executable's main script (scripts/build-sea.mjs): the bundle is its asset kubectl-iot.cjs. The cache
//   is made on the user's machine, so the archive stays byte-reproducible (a cache or snapshot made at build time
//   would not be).
// V8 checks the cache against the source, its own version and its flags; a rejected, missing or unwritable cache
// only costs the compilation.
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const sea = (() => {
  try {
    const api = require('node:sea');
    return api.isSea() ? api : undefined;
  } catch {
    return undefined;
  }
})();
// In the executable, the bundle's "file" is a name beside it (stack traces show it); no file is read there.
const file = sea ? path.join(path.dirname(process.execPath), 'kubectl-iot.cjs') : path.join(__dirname, '..', 'dist', 'kubectl-iot.cjs');
const source = sea ? sea.getAsset('kubectl-iot.cjs', 'utf8') : fs.readFileSync(file, 'utf8');
const { size, mtimeMs } = fs.statSync(sea ? process.execPath : file);
const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kubectl-iot', 'v8');
const prefix = `${sea ? 'sea' : 'npm'}-${process.version}-${process.arch}-`;
const key = path.join(dir, `${prefix}${size}-${Math.floor(mtimeMs)}.bin`);
let cachedData;
try {
  cachedData = fs.readFileSync(key);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = sea ? [] : Module._nodeModulePaths(path.dirname(file));
bundle.loaded = true;
Module._cache[file] = bundle; // a module like any other: require.cache lists it
// In the executable only built-in modules can be required, which is all the bundle needs there.
const requireFrom = sea ? Object.assign((id) => require(id), { cache: Module._cache, main: undefined, resolve: (id) => id })
  : Module.createRequire(file);
script.runInThisContext()(bundle.exports, requireFrom, bundle, file, path.dirname(file));
const run = bundle.exports.main(process.argv.slice(2));
if (cachedData === undefined || script.cachedDataRejected) {
  // After the command, so the cache holds the functions it compiled too.
  Promise.resolve(run).finally(() => {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const temp = `${key}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, key);
      // The caches of earlier builds for this Node are dead weight now.
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(prefix) && path.join(dir, name) !== key) fs.rmSync(path.join(dir, name), { force: true });
      }
    } catch {
      // A read-only home: start without the cache.
    }
  });
}
