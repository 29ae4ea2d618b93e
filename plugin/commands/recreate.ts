/**
 * `kubectl iot recreate project NAME`: deletes an IoTProject in the cluster and creates it again with the same
 * labels, annotations and spec (trust anchors, adapters), because the controller does not retry a project whose
 * messaging infrastructure had no IoT infrastructure (the design's manual recovery).
 */
import type { CommandModule } from 'yargs';
import { CliError } from '../errors';
import { creatable, liveFinder } from './objects';
import { clusterOptions, type GlobalArgs } from './options';
import { err } from '../context';

interface RecreateArgs extends GlobalArgs {
  name: string;
  apply?: boolean;
}

export const recreateCommand: CommandModule<GlobalArgs, RecreateArgs> = {
  command: 'recreate project <name>',
  describe: 'Delete an IoTProject in the cluster and create it again with the same spec (manual recovery)',
  builder: (yargs) =>
    yargs
      .positional('project', { type: 'string', describe: 'The word "project"' })
      .positional('name', { type: 'string', demandOption: true, describe: 'Name of the IoT project' })
      .option('apply', { type: 'boolean', default: true, describe: 'Act on the cluster (always: a GitOps tree has nothing to re-create)' })
      .example('kubectl iot recreate project iot1 -n ns1', 'After fixing its infrastructure, let the controller see it afresh') as never,
  handler: async (args) => {
    const name = String(args.name);
    const cluster = await args.ctx.connect(clusterOptions(args));
    const namespace = cluster.namespace;
    const found = (await liveFinder(cluster, namespace))('IoTProject', name);
    if (!found) throw new CliError(`IoTProject ${namespace}/${name} does not exist in the cluster`);
    const copy = creatable(found);
    err(args.ctx, await cluster.delete(found.apiVersion, found.kind, namespace, name, true));
    err(args.ctx, await cluster.create(copy));
  },
};
