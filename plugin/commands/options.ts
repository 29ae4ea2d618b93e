/** Flags every command shares, and helpers to read them. */
import type { Argv } from 'yargs';
import type { ClusterOptions } from '../cluster/index';
import { err, type Context } from '../context';
import { CliError } from '../errors';
import { DEFAULT_INFRA_NAMESPACE } from '../model/kinds';
import { invalidLabel } from '../model/names';

export interface GlobalArgs {
  namespace?: string;
  'all-namespaces'?: boolean;
  context?: string;
  kubeconfig?: string;
  output?: string;
  'infra-namespace': string;
  verbose: number;
  /** The run's streams, environment and services (cli.ts passes it through yargs' parse context). */
  ctx: Context;
}

/** What cluster/ needs of the flags: -v logs each request on stderr. */
export function clusterOptions(args: GlobalArgs): ClusterOptions {
  const { ctx } = args;
  return {
    kubeconfig: args.kubeconfig,
    context: args.context,
    namespace: args.namespace,
    log: args.verbose > 0 ? (line) => err(ctx, line) : undefined,
    env: ctx.env,
  };
}

/** Adds the flags kubectl users expect to the root command. */
export function globalOptions(yargs: Argv): Argv<GlobalArgs> {
  return yargs
    .option('namespace', { alias: 'n', type: 'string', describe: 'Namespace of the IoT project or tenant' })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'Act on all namespaces' })
    .option('context', { type: 'string', describe: 'The kubeconfig context to use' })
    .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config)' })
    .option('output', { alias: 'o', type: 'string', describe: 'Output format' })
    .option('infra-namespace', {
      type: 'string',
      default: DEFAULT_INFRA_NAMESPACE,
      describe: 'Namespace of the messaging and IoT infrastructure',
    })
    .option('verbose', { alias: 'v', type: 'count', describe: 'Show details (and stack traces) on errors' })
    .group(['namespace', 'all-namespaces', 'context', 'kubeconfig', 'output', 'infra-namespace', 'verbose', 'help'],
      'Global flags:') as unknown as Argv<GlobalArgs>;
}

/** Declares the formats a command's `-o` takes, so yargs checks them and completion offers them. */
export function outputFormats<T>(yargs: Argv<T>, formats: readonly string[]): Argv<T> {
  return yargs.option('output', { type: 'string', choices: formats, describe: 'Output format' });
}

/** Checks that `-o` is one of `allowed` and returns it (default: the first). */
export function outputFormat<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0];
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`unknown output format "${value}": use one of ${allowed.join(', ')}`);
}

/** A namespace from a flag, validated as a DNS-1123 label. */
export function validNamespace(value: string, flag = '--namespace'): string {
  const problem = invalidLabel(value);
  if (problem) throw new CliError(`invalid namespace "${value}" (${flag}): ${problem}`);
  return value;
}

/** The namespace a command works in: -n, else "default" (the kubeconfig context's namespace with a cluster). */
export function namespaceOf(args: GlobalArgs, fallback = 'default'): string {
  return validNamespace(args.namespace ?? fallback);
}
