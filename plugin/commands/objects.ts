/** What `rename`, `delete` and `recreate` share: naming a kind as kubectl does and finding an object. */
import type { Cluster } from '../cluster/index';
import { CliError } from '../errors';
import type { LocatedObject } from '../gitops/read';
import { canonicalKind, type CanonicalKind, type KubeObject } from '../model/kinds';

/** The words kubectl users type for the model's kinds (singular and plural, later names included). */
const KIND_WORDS: Record<string, CanonicalKind> = {};
const SINGULARS: [string, CanonicalKind][] = [];
for (const [kind, words] of Object.entries({
  IoTConfig: ['iotconfig', 'iotinfrastructure'],
  IoTProject: ['iotproject', 'iottenant'],
  MessagingTenant: ['messagingtenant', 'messagingproject'],
  MessagingAddress: ['messagingaddress'],
  MessagingInfrastructure: ['messaginginfrastructure'],
}) as [CanonicalKind, string[]][]) {
  for (const word of words) {
    SINGULARS.push([word, kind]);
    KIND_WORDS[word] = kind;
    KIND_WORDS[word.endsWith('s') ? `${word}es` : `${word}s`] = kind;
  }
}

/** The model kind a word names (`iotconfig`, `IoTConfig`, `iotconfigs`), or a usage error listing the words. */
export function kindOfWord(word: string, allowed: CanonicalKind[]): CanonicalKind {
  const kind = KIND_WORDS[word.toLowerCase()];
  if (kind && allowed.includes(kind)) return kind;
  throw new CliError(`unknown kind "${word}": use one of ${kindWords(allowed).join(', ')}`);
}

/** The singular words for `allowed` kinds (`iotconfig`, `iotinfrastructure`, ...), for messages and completion. */
export function kindWords(allowed: CanonicalKind[]): string[] {
  return SINGULARS.filter(([, k]) => allowed.includes(k)).map(([w]) => w);
}

/** The object of `kind` named `name` in `namespace` among `objects`. */
export function findObject<T extends { object: KubeObject }>(objects: T[], kind: CanonicalKind, namespace: string,
  name: string): T | undefined {
  return objects.find(({ object }) => canonicalKind(object.apiVersion, object.kind) === kind &&
    object.metadata.namespace === namespace && object.metadata.name === name);
}

/**
 * The model objects of a namespace in the cluster (with the infrastructure), as a finder by kind and name: the
 * inventory's list calls find an object under whichever of its kind's names (IoTConfig or IoTInfrastructure) the
 * cluster serves it.
 */
export async function liveFinder(cluster: Pick<Cluster, 'inventory'>, namespace: string):
Promise<(kind: CanonicalKind, name: string) => KubeObject | undefined> {
  const live = (await cluster.inventory(namespace)).map((object) => ({ object }));
  return (kind, name) => findObject(live, kind, namespace, name)?.object;
}

/** The object in the tree, or an error saying where it was looked for. */
export function inTree(inventory: LocatedObject[], kind: CanonicalKind, namespace: string, name: string,
  root: string): LocatedObject & { source: NonNullable<LocatedObject['source']> } {
  const found = findObject(inventory, kind, namespace, name);
  if (!found) throw new CliError(`${kind} ${namespace}/${name} is not in ${root}; kubectl iot check ${root} lists what is`);
  // Loaded here: the tree planner pulls in the GitOps reader, which only commands on a tree need.
  const { editableSource } = require('../gitops/tree-plan') as typeof import('../gitops/tree-plan');
  return { ...found, source: editableSource(found, `${kind} ${namespace}/${name}`) };
}

/** An object as it can be created again: what a user wrote, without what the server added. */
export function creatable(object: KubeObject): KubeObject {
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, generation: _g, managedFields: _m,
    deletionTimestamp: _d, deletionGracePeriodSeconds: _dg, selfLink: _s, ...metadata } = object.metadata;
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const { status: _status, ...rest } = object;
  return { ...rest, metadata: { ...metadata, ...(Object.keys(annotations).length > 0 ? { annotations } : { annotations: undefined }) } };
}

/** The destination flags of verbs that change existing objects: exactly one of --gitops-dir and --apply. */
export function destinationOf(args: { 'gitops-dir'?: string; apply?: boolean }, verb: string): 'tree' | 'cluster' {
  if (args['gitops-dir'] !== undefined && args.apply) {
    throw new CliError('--gitops-dir and --apply exclude each other: GitOps trees are applied by Argo CD or Flux');
  }
  if (args['gitops-dir'] !== undefined) return 'tree';
  if (args.apply) return 'cluster';
  throw new CliError(`${verb} changes objects where they are: give --gitops-dir DIR (a GitOps tree) or --apply (the cluster)`);
}
