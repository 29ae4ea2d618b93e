/** Locates files shipped beside the code (policy bundle, CRDs), from the bundle in dist/ or the sources. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/** The package root: the nearest folder above this module holding the package's policies/build. */
export function packageRoot(): string {
  if (root) return root;
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
