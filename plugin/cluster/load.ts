/**
 * Loads the cluster module only when a command needs a cluster: it pulls in @kubernetes/client-node, whose
 * import alone costs 400-550 ms. Bundled, it is dist/cluster.cjs beside the CLI; from sources, ./index; in the
 * single executable (scripts/build-sea.mjs), the asset cluster.cjs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as ClusterModule from './index';

// A require esbuild cannot follow, so the cluster code stays out of the main bundle.
const lateRequire: NodeJS.Require = require;

/** Defined `true` by esbuild for the single executable only; undefined under tsx. */
declare const KUBECTL_IOT_SEA: boolean | undefined;

/** The cluster module, loaded on first use. */
export function clusterModule(): typeof ClusterModule {
  const bundled = join(__dirname, 'cluster.cjs');
  // In the single executable (the constant folds at build time) there is no file: the launcher's require
  // (scripts/launcher.cjs) loads the bundle of that name from the executable's assets.
  const sea = typeof KUBECTL_IOT_SEA === 'boolean' && KUBECTL_IOT_SEA;
  return withoutPunycodeWarning(() =>
    lateRequire(sea || existsSync(bundled) ? bundled : join(__dirname, 'index')) as typeof ClusterModule);
}

/** Connects to the cluster named by --kubeconfig/--context (see cluster/index.ts). */
export const connect: typeof ClusterModule.connect = (args) => clusterModule().connect(args);

/**
 * client-node's HTTP stack (node-fetch 2 -> whatwg-url -> tr46) requires Node's deprecated `punycode`, and Node 21+
 * prints DEP0040 on stderr for it: a warning users cannot act on. Silence that one warning while loading.
 */
function withoutPunycodeWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: string }).code : rest[1];
    if (code === 'DEP0040') return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
