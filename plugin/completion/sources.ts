/**
 * The values of completion that yargs' declarations cannot know: namespaces, contexts and the names of the model's
 * objects (from --gitops-dir when given, read as `check` reads it, else from the cluster), and which positionals are
 * paths. A lookup that fails or takes too long (CLUSTER_TIMEOUT_MS, TREE_TIMEOUT_MS) gives no candidates and prints nothing: a
 * shell waits for the answer, and kubectl passes stderr through to the prompt.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { kubeconfigFiles } from '../cluster/kubeconfig';
import { DELETABLE } from '../commands/delete';
import { kindOfWord, kindWords } from '../commands/objects';
import type { ClusterOptions } from '../cluster/index';
import type { Context } from '../context';
import { RENAMABLE } from '../commands/rename';
import { canonicalKind, type CanonicalKind, type KubeObject } from '../model/kinds';

/** cobra's ShellCompDirective bits (spf13/cobra): 0 lets the shell complete file names. */
export const DIRECTIVE = { files: 0, noFiles: 4, dirs: 16 } as const;

/** A cluster that does not answer within this long completes nothing (client-node's import takes ~0.5 s of it). */
export const CLUSTER_TIMEOUT_MS = 2000;
/** A GitOps tree is read on this machine, but kustomize renders it first (~1 s for `kubectl iot init`'s). */
export const TREE_TIMEOUT_MS = 5000;

export interface Answer {
  values: string[];
  directive: number;
}

type Args = Record<string, unknown>;
/** What a lookup may reach: the command's environment and cluster connector (its context's). */
export type Reach = Pick<Context, 'env' | 'connect'>;
type Source = (args: Args, reach: Reach) => Promise<Answer>;

const none: Answer = { values: [], directive: DIRECTIVE.noFiles };
const listed = (values: string[]): Answer => ({ values, directive: DIRECTIVE.noFiles });

/** Flag values by option key. A string flag with neither choices nor a source completes file names. */
const VALUES: Record<string, Source> = {
  namespace: async (args, reach) => listed(namespaces(await modelObjects(args, reach))),
  'infra-namespace': async (args, reach) => listed(namespaces(await modelObjects(args, reach))),
  context: async (args, reach) => listed(contexts(args, reach)),
};

/** Positional values by `COMMAND... POSITIONAL` (yargs' names). */
const POSITIONALS: Record<string, Source> = {
  'check paths': async () => ({ values: [], directive: DIRECTIVE.files }),
  'init dir': async () => ({ values: [], directive: DIRECTIVE.dirs }),
  'policies export dir': async () => ({ values: [], directive: DIRECTIVE.dirs }),
  // `status NAME` and `status project NAME` both work.
  'status kind': async (args, reach) => listed(['project', ...names(await modelObjects(args, reach), 'IoTProject', args)]),
  'status name': async (args, reach) =>
    (args.kind === 'project' ? listed(names(await modelObjects(args, reach), 'IoTProject', args)) : none),
  // `recreate project <name>`: yargs reads the word as a positional named project.
  'recreate project': async () => listed(['project']),
  'recreate name': async (args, reach) => listed(names(await modelObjects(args, reach), 'IoTProject', args)),
  'delete kind': async () => listed(kindWords(DELETABLE)),
  'rename kind': async () => listed(kindWords(RENAMABLE)),
  'delete name': (args, reach) => namesOfKind(args, reach, DELETABLE),
  'rename old': (args, reach) => namesOfKind(args, reach, RENAMABLE),
};

export function valueSource(key: string, args: Args, reach: Reach): Promise<Answer> {
  return VALUES[key]?.(args, reach) ?? Promise.resolve({ values: [], directive: DIRECTIVE.files });
}

export function positionalSource(key: string, args: Args, reach: Reach): Promise<Answer> {
  return POSITIONALS[key]?.(args, reach) ?? Promise.resolve(none);
}

/** The names of the objects of the kind the `kind` positional names. */
async function namesOfKind(args: Args, reach: Reach, allowed: CanonicalKind[]): Promise<Answer> {
  let kind: CanonicalKind;
  try {
    kind = kindOfWord(String(args.kind), allowed);
  } catch {
    return none;
  }
  return listed(names(await modelObjects(args, reach), kind, args));
}

interface Found {
  objects: KubeObject[];
  /** The namespace the objects were read for (-n, or the cluster context's). */
  namespace?: string;
}

/** The model's objects in --gitops-dir, else in the cluster; nothing when that fails or takes too long. */
function modelObjects(args: Args, reach: Reach): Promise<Found> {
  const namespace = typeof args.namespace === 'string' ? args.namespace : undefined;
  const dir = args['gitops-dir'];
  if (typeof dir === 'string' && dir !== '') {
    return withTimeout<Found>(TREE_TIMEOUT_MS, async () => {
      const { readTree } = require('../commands/create/tree') as typeof import('../commands/create/tree');
      return { objects: (await readTree(dir, namespace ?? 'default', reach.env, () => undefined)).map((l) => l.object), namespace };
    }, { objects: [] });
  }
  return withTimeout<Found>(CLUSTER_TIMEOUT_MS, async () => {
    // No kubeconfig: no cluster, and no need to load its client (~0.5 s).
    if (kubeconfigFiles(configSource(args, reach)).length === 0 && !reach.env.KUBERNETES_SERVICE_HOST) return { objects: [] };
    const cluster = await reach.connect(configSource(args, reach));
    const all = args['all-namespaces'] === true;
    return { objects: await cluster.inventory(all ? undefined : cluster.namespace), namespace: all ? undefined : cluster.namespace };
  }, { objects: [] });
}

function namespaces({ objects }: Found): string[] {
  const named = objects.flatMap((o) => (o.kind === 'Namespace' ? [o.metadata.name] : [o.metadata.namespace]));
  return [...new Set(named.filter((n): n is string => typeof n === 'string'))].sort();
}

function names({ objects, namespace }: Found, kind: CanonicalKind, args: Args): string[] {
  const wanted = typeof args.namespace === 'string' ? args.namespace : namespace;
  return objects.filter((o) => canonicalKind(o.apiVersion, o.kind) === kind &&
    (wanted === undefined || o.metadata.namespace === wanted)).map((o) => String(o.metadata.name)).sort();
}

/** The context names of the kubeconfig files kubectl would read. */
function contexts(args: Args, reach: Reach): string[] {
  try {
    const files = kubeconfigFiles(configSource(args, reach));
    return [...new Set(files.flatMap((file) => {
      const config = parse(readFileSync(file, 'utf8')) as { contexts?: { name?: unknown }[] } | null;
      return (config?.contexts ?? []).map((c) => String(c.name));
    }))];
  } catch {
    return [];
  }
}

/** The cluster flags the words typed so far give (completion reads no -v: nothing may reach stderr). */
function configSource(args: Args, reach: Reach): ClusterOptions {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { kubeconfig: text(args.kubeconfig), context: text(args.context), namespace: text(args.namespace), env: reach.env };
}

function withTimeout<T>(ms: number, work: () => Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    work().then(resolve, () => resolve(fallback)).finally(() => clearTimeout(timer));
  });
}
