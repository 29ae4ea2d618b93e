/** What every `create` command shares: its flags, and printing, writing or applying the objects it built. */
import type { Argv } from 'yargs';
import { CliError } from '../../errors';
import type { KubeObject } from '../../model/kinds';
import type { GlobalArgs } from '../options';
import { clusterOptions, namespaceOf, outputFormat, outputFormats } from '../options';
import { contextNamespace } from '../../cluster/kubeconfig';
import { err, out } from '../../context';
import { manifestYaml } from '../../output/manifest-yaml';

export interface CreateArgs extends GlobalArgs {
  'gitops-dir'?: string;
  force?: boolean;
  apply?: boolean;
  'dry-run'?: string;
  'force-conflicts'?: boolean;
}

export const CREATE_OUTPUTS = ['yaml', 'json'] as const;

/** Adds the flags every `create` command has. */
export function createFlags<T>(yargs: Argv<T>): Argv<T & CreateArgs> {
  return outputFormats(yargs, CREATE_OUTPUTS)
    .option('gitops-dir', { type: 'string', describe: 'Write the manifests into this GitOps tree and register them' })
    .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that already exist (with --gitops-dir)' })
    .option('apply', { type: 'boolean', default: false, describe: 'Server-side apply the objects to the cluster' })
    .option('dry-run', {
      type: 'string',
      choices: ['none', 'server'],
      describe: 'With --apply: "server" validates on the API server without persisting',
    })
    .option('force-conflicts', { type: 'boolean', default: false, describe: 'With --apply: take over conflicting fields' })
    .group(['gitops-dir', 'force', 'apply', 'dry-run', 'force-conflicts'], 'Destination flags:') as Argv<T & CreateArgs>;
}

/** Checks the destination flags fit together before any work is done. */
export function checkDestination(args: CreateArgs): void {
  if (args['gitops-dir'] !== undefined && args.apply) {
    throw new CliError('--gitops-dir and --apply exclude each other: GitOps trees are applied by Argo CD or Flux');
  }
  if (!args.apply && (args['dry-run'] !== undefined || args['force-conflicts'])) {
    throw new CliError('--dry-run and --force-conflicts only make sense with --apply');
  }
  outputFormat(args.output, CREATE_OUTPUTS);
}

/** Serializes objects as kubectl would: a YAML stream, or JSON (a single object or a v1 List). */
export function serialize(objects: KubeObject[], format: 'yaml' | 'json'): string {
  if (format === 'json') {
    const value = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  return objects.map(manifestYaml).join('---\n');
}

/** Prints the objects on stdout in the requested format. */
function printObjects(objects: KubeObject[], args: CreateArgs): void {
  out(args.ctx, serialize(objects, outputFormat(args.output, CREATE_OUTPUTS)));
}

/** The namespace a create command builds objects for: -n; with --apply the kubeconfig context's, as kubectl does. */
export function namespaceFor(args: CreateArgs): string {
  if (args.namespace !== undefined || !args.apply) return namespaceOf(args);
  return namespaceOf(args, contextNamespace({ kubeconfig: args.kubeconfig, context: args.context, env: args.ctx.env }) ?? 'default');
}

/**
 * Sends what a create command built where its flags say: into --gitops-dir (`toTree` writes it there, as only the
 * command knows where its files go), to the cluster (--apply), or to stdout.
 */
export async function deliver(args: CreateArgs, objects: KubeObject[], toTree: () => Promise<unknown>): Promise<void> {
  if (args['gitops-dir'] !== undefined) await toTree();
  else if (args.apply) await applyObjects(objects, args);
  else printObjects(objects, args);
}

/**
 * Applies the objects through the cluster module (loaded only now, see cluster/load.ts), after predicting against
 * the live cluster what each project will show.
 */
async function applyObjects(objects: KubeObject[], args: CreateArgs): Promise<void> {
  const { planApply, targetNamespace, terminalQuestion } = require('./apply') as typeof import('./apply');
  const cluster = await args.ctx.connect(clusterOptions(args));
  const [live, evaluator] = await Promise.all([cluster.inventory(targetNamespace(objects, cluster)), args.ctx.loadEvaluator()]);
  const planned = await planApply(objects, {
    live, evaluator, infraNamespace: args['infra-namespace'], ask: terminalQuestion(args.ctx), say: (line: string) => err(args.ctx, line),
  });
  const applied = await cluster.apply(planned, {
    dryRun: args['dry-run'] === 'server',
    forceConflicts: Boolean(args['force-conflicts']),
  });
  for (const line of applied) err(args.ctx, line);
}
