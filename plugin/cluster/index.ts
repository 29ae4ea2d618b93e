/** The only module that talks to Kubernetes (through @kubernetes/client-node). Loaded lazily via load.ts. */
import { CliError } from '../errors';
import type { KubeObject } from '../model/kinds';
import type { GlobalArgs } from '../commands/options';

export interface ApplyOptions {
  dryRun: boolean;
  forceConflicts: boolean;
}

/** A connection to one cluster. */
export interface Cluster {
  /** Server-side applies objects with field manager kubectl-iot; returns one line per object for stderr. */
  apply(objects: KubeObject[], options: ApplyOptions): Promise<string[]>;
  /** Lists the model's objects (and namespaces) the policy pack needs, in `namespace` or everywhere. */
  inventory(namespace?: string): Promise<KubeObject[]>;
}

/** Connects using --kubeconfig, $KUBECONFIG, --context and -n as kubectl does. */
export async function connect(_args: GlobalArgs): Promise<Cluster> {
  throw new CliError('cluster access is not available yet');
}
