#!/usr/bin/env node
'use strict';
// bin/kubectl-iot (written by scripts/build.mjs from scripts/launcher.cjs): runs dist/kubectl-iot.cjs with V8's code
// cache, kept in $XDG_CACHE_HOME/kubectl-iot/v8 (~/.cache), so a command does not compile the bundle each time it
// starts (npm run bench: create project -o yaml). V8 checks the cache against the source and its own version and
// flags; a rejected, missing or unwritable cache only costs the compilation.
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const file = path.join(__dirname, '..', 'dist', 'kubectl-iot.cjs');
const source = fs.readFileSync(file, 'utf8');
const { size, mtimeMs } = fs.statSync(file);
const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kubectl-iot', 'v8');
const key = path.join(dir, `${process.version}-${process.arch}-${size}-${Math.floor(mtimeMs)}.bin`);
let cachedData;
try {
  cachedData = fs.readFileSync(key);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(path.dirname(file));
bundle.loaded = true;
Module._cache[file] = bundle; // a module like any other: require.cache lists it
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, path.dirname(file));
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
      const prefix = `${process.version}-${process.arch}-`;
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(prefix) && path.join(dir, name) !== key) fs.rmSync(path.join(dir, name), { force: true });
      }
    } catch {
      // A read-only home: start without the cache.
    }
  });
}
