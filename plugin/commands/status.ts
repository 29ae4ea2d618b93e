/** `kubectl iot status [project NAME]`: live project status, re-checked against the cluster's state. */
import type { CommandModule } from 'yargs';
import { CliError, UsageError } from '../errors';
import { liveProjects } from '../policy/projects';
import { clusterOptions, outputFormat, outputFormats, validNamespace, type GlobalArgs } from './options';
import { colorFor, err, out } from '../context';

interface StatusArgs extends GlobalArgs {
  kind?: string;
  name?: string;
}

const STATUS_OUTPUTS = ['text', 'json', 'yaml'] as const;

export const statusCommand: CommandModule<GlobalArgs, StatusArgs> = {
  command: 'status [kind] [name]',
  describe: 'Explain the status of IoT projects on the cluster, with the fix for each problem',
  builder: (yargs) =>
    outputFormats(yargs, STATUS_OUTPUTS)
      .positional('kind', { type: 'string', describe: '"project" (optional: `status NAME` works too)' })
      .positional('name', { type: 'string', describe: 'Name of one IoT project' })
      .example('kubectl iot status -n ns1', 'All projects of ns1')
      .example('kubectl iot status project iot1 -n ns1', 'One project (also: kubectl iot status iot1 -n ns1)')
      .example('kubectl iot status -A -o json', 'Every project, machine-readable')
      .epilogue(`Output formats: ${STATUS_OUTPUTS.join(', ')}. Exit codes: 0 shown, 2 could not read the cluster.`) as
      never,
  handler: async (args) => {
    const format = outputFormat(args.output, STATUS_OUTPUTS);
    const name = projectName(args);
    if (args.namespace !== undefined) validNamespace(args.namespace);
    const { evaluateInventory } = require('../policy/evaluate') as typeof import('../policy/evaluate');
    const { renderStatusJson, renderStatusText, renderStatusYaml } = require('../output/status') as typeof import('../output/status');
    const cluster = await args.ctx.connect(clusterOptions(args));
    const namespace = args['all-namespaces'] ? undefined : cluster.namespace;
    // The policy pack compiles while the cluster answers.
    const [objects, evaluator] = await Promise.all([cluster.inventory(namespace), args.ctx.loadEvaluator()]);
    const report = evaluateInventory(evaluator, objects.map((object) => ({ object })),
      { infraNamespace: args['infra-namespace'] });
    const projects = liveProjects(report, objects)
      .filter((p) => (namespace === undefined || p.predicted.namespace === namespace) &&
        (name === undefined || p.predicted.name === name));
    const where = namespace === undefined ? 'in any namespace' : `in namespace ${namespace}`;
    if (name !== undefined && projects.length === 0) {
      throw new CliError(`IoTProject "${name}" not found ${where}`);
    }
    if (format === 'json') return out(args.ctx, renderStatusJson(projects));
    if (format === 'yaml') return out(args.ctx, renderStatusYaml(projects));
    if (projects.length === 0) return err(args.ctx, `No IoT projects found ${where}.`);
    out(args.ctx, renderStatusText(projects, { color: colorFor(args.ctx, args.ctx.stdout), now: args.ctx.now() }));
  },
};

/** The project asked for: `status project NAME`, `status NAME`, or none (all projects). */
function projectName(args: StatusArgs): string | undefined {
  const isKind = (word?: string) => word === 'project' || word === 'projects';
  if (args.name !== undefined && !isKind(args.kind)) {
    throw new UsageError(`unexpected "${args.kind}": use kubectl iot status [project] NAME`);
  }
  return isKind(args.kind) ? args.name : args.kind;
}
