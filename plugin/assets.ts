/**
 * Files shipped with the plugin (policy bundle, CRDs, kustomize bases). The one place that knows where they are:
 * inside the executable when it runs as a Node single executable (node:sea assets, scripts/build-sea.mjs), else
 * beside the code in the package folder (from the bundle in dist/ or from the sources).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The asset listing every other asset's key: Node 24.0's node:sea has no getAssetKeys(). */
export const SEA_INDEX = 'assets.json';

/** The part of node:sea used here (Node 20's types lack nothing of it, but the module may be missing). */
interface SeaApi {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
  getAsset(key: string, encoding: string): string;
}

let sea: SeaApi | null | undefined;
let seaKeys: string[] | undefined;
let root: string | undefined;

/** node:sea when this process is a single executable, else null. */
function seaApi(): SeaApi | null {
  if (sea === undefined) {
    try {
      const api = require('node:sea') as SeaApi;
      sea = api.isSea() ? api : null;
    } catch {
      sea = null; // a Node without node:sea cannot be a single executable either
    }
  }
  return sea;
}

/** Whether this process is the single executable, whose assets live inside the binary. */
export function inSingleExecutable(): boolean {
  return seaApi() !== null;
}

/** In the single executable, the text of its bundle `name` (worker.cjs: scripts/build-sea.mjs); else undefined. */
export function seaBundle(name: string): string | undefined {
  return seaApi()?.getAsset(name, 'utf8');
}

/** The package root: the nearest folder above this module holding the package's policies/build. */
export function packageRoot(): string {
  if (root) return root;
  // A folder above the executable could hold some other checkout: never read files from there.
  if (inSingleExecutable()) throw new Error(`${process.execPath} is a single executable: it has no package folder`);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'policies'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the kubectl-iot package root above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return dir;
}

/** Absolute path of a file shipped with the package, e.g. asset('policies/build/policy.wasm'). */
export function asset(relative: string): string {
  return join(packageRoot(), relative);
}

/** Where an asset is, for messages: its path in the package, or its key inside the executable. */
export function assetLocation(relative: string): string {
  return inSingleExecutable() ? `${relative} (inside ${process.execPath})` : asset(relative);
}

/** The bytes of a shipped file (`relative` uses `/`), or its text with an encoding. Throws when it is missing. */
export function readAsset(relative: string): Buffer;
export function readAsset(relative: string, encoding: BufferEncoding): string;
export function readAsset(relative: string, encoding?: BufferEncoding): Buffer | string {
  const api = seaApi();
  if (!api) return encoding ? readFileSync(asset(relative), encoding) : readFileSync(asset(relative));
  if (!seaIndex(api).includes(relative)) throw new Error(`no asset ${relative} in ${process.execPath}`);
  return encoding ? api.getAsset(relative, encoding) : Buffer.from(api.getAsset(relative));
}

/** Every shipped file below the folder `prefix` (e.g. 'kustomize/crds'), as `/`-separated paths, sorted. */
export function listAssets(prefix: string): string[] {
  const folder = prefix.replace(/\/+$/, '');
  const api = seaApi();
  if (api) return seaIndex(api).filter((key) => key.startsWith(`${folder}/`)).sort();
  const base = asset(folder);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(`${folder}/${relative(base, full).split(sep).join('/')}`);
    }
  };
  walk(base);
  return files.sort();
}

function seaIndex(api: SeaApi): string[] {
  seaKeys ??= JSON.parse(api.getAsset(SEA_INDEX, 'utf8')) as string[];
  return seaKeys;
}
