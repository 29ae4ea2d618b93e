#!/usr/bin/env node
'use strict';
// Starts kubectl-iot with V8's code cache, kept in $XDG_CACHE_HOME/kubectl-iot/v8 (~/.cache), so a command does not
// compile the bundle each time it starts (npm run bench: create project -o yaml). Two uses, one file:
//   bin/kubectl-iot (scripts/build.mjs copies it there): the bundles are dist/kubectl-iot.cjs and dist/cluster.cjs;
//   the single executable's main script (scripts/build-sea.mjs): the bundles are its assets of those names. The
//   cache is made on the user's machine, so the archive stays byte-reproducible (a cache or snapshot made at build
//   time would not be).
// One cache per bundle, command word and installation: a cache holds the functions of the run that wrote it, so
// `create` does not deserialize what `check` compiled, and two installations do not delete each other's.
// V8 checks a cache against the source, its own version and its flags; a rejected, missing or unwritable cache
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
// In the executable, a bundle's "file" is a name beside it (stack traces show it); no file is read there.
const home = sea ? path.dirname(process.execPath) : path.join(__dirname, '..', 'dist');
const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kubectl-iot', 'v8');
// The commands of plugin/cli.ts; any other first word (help, a typo, completion requests) shares one cache.
const COMMANDS = ['create', 'init', 'check', 'status', 'rename', 'delete', 'recreate', 'policies', 'fn', 'version',
  'completion'];
const word = COMMANDS.includes(process.argv[2]) ? process.argv[2] : 'other';
const caches = [];

/** Runs the bundle `name` (kubectl-iot.cjs, cluster.cjs) of this installation, once, and returns its exports. */
function load(name) {
  const file = path.join(home, name);
  if (Module._cache[file]) return Module._cache[file].exports;
  const source = sea ? sea.getAsset(name, 'utf8') : fs.readFileSync(file, 'utf8');
  const { size, mtimeMs } = fs.statSync(sea ? process.execPath : file);
  const prefix = `${sea ? 'sea' : 'npm'}-${process.version}-${process.arch}-${hash(file)}-${name}-`;
  const build = `${prefix}${size}-${Math.floor(mtimeMs)}-`;
  const key = path.join(dir, `${build}${word}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(key);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const bundle = new Module(file, module);
  bundle.filename = file;
  bundle.paths = sea ? [] : Module._nodeModulePaths(home);
  bundle.loaded = true;
  Module._cache[file] = bundle; // a module like any other: require.cache lists it
  if (cachedData === undefined || script.cachedDataRejected) caches.push({ script, key, prefix, build });
  script.runInThisContext()(bundle.exports, requireFor(file), bundle, file, home);
  return bundle.exports;
}

/**
 * The bundle's require: the other bundles of this installation load through load() (with their cache); in the
 * executable everything else must be a built-in module, which is all the bundles need there.
 */
function requireFor(file) {
  const base = sea ? Object.assign((id) => require(id), { cache: Module._cache, main: undefined, resolve: (id) => id })
    : Module.createRequire(file);
  const sibling = (id) => path.isAbsolute(id) && path.dirname(id) === home && id.endsWith('.cjs');
  return Object.assign((id) => (sibling(id) ? load(path.basename(id)) : base(id)), base);
}

/** A short name for an installation's path (FNV-1a; node:crypto would cost milliseconds to load). */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Writes the caches V8 had none of, after the command, so they hold the functions it compiled too. */
function writeCaches() {
  for (const { script, key, prefix, build } of caches) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const temp = `${key}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, key);
      // The caches of earlier builds at this place are dead weight now.
      for (const other of fs.readdirSync(dir)) {
        if (other.startsWith(prefix) && !other.startsWith(build)) fs.rmSync(path.join(dir, other), { force: true });
      }
    } catch {
      // A read-only home: start without the cache.
    }
  }
}

const run = load('kubectl-iot.cjs').main(process.argv.slice(2));
Promise.resolve(run).finally(() => {
  if (caches.length > 0) writeCaches();
});
