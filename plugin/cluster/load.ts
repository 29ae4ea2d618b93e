/**
 * Loads the cluster module only when a command needs a cluster: it pulls in @kubernetes/client-node, whose
 * import alone costs 400-550 ms. Bundled, it is dist/cluster.cjs beside the CLI; from sources, ./index.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as ClusterModule from './index';

// A require esbuild cannot follow, so the cluster code stays out of the main bundle.
const lateRequire: NodeJS.Require = require;

/** The cluster module, loaded on first use. */
export function clusterModule(): typeof ClusterModule {
  const bundled = join(__dirname, 'cluster.cjs');
  return lateRequire(existsSync(bundled) ? bundled : join(__dirname, 'index')) as typeof ClusterModule;
}

/** Connects to the cluster named by --kubeconfig/--context (see cluster/index.ts). */
export const connect: typeof ClusterModule.connect = (args) => clusterModule().connect(args);
