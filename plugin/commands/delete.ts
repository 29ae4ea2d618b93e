/** `kubectl iot delete KIND NAME`: removes an object from the file it lives in, or from the cluster. */
import type { CommandModule } from 'yargs';
import type { CanonicalKind } from '../model/kinds';
import { destinationOf, inTree, kindOfWord, liveFinder } from './objects';
import { clusterOptions, namespaceOf, type GlobalArgs } from './options';
import { err, warner } from '../context';

interface DeleteArgs extends GlobalArgs {
  kind: string;
  name: string;
  'gitops-dir'?: string;
  apply?: boolean;
}

export const DELETABLE: CanonicalKind[] = ['IoTConfig', 'IoTProject', 'MessagingTenant', 'MessagingAddress', 'MessagingInfrastructure'];

export const deleteCommand: CommandModule<GlobalArgs, DeleteArgs> = {
  command: 'delete <kind> <name>',
  describe: 'Delete an IoT or messaging object from the GitOps file it lives in (or from the cluster)',
  builder: (yargs) =>
    yargs
      .positional('kind', { type: 'string', demandOption: true, describe: 'iotconfig, iotproject, messagingtenant, messagingaddress or messaginginfrastructure' })
      .positional('name', { type: 'string', demandOption: true, describe: 'Name of the object' })
      .option('gitops-dir', { type: 'string', describe: 'Remove it from this GitOps tree (comments of other objects kept)' })
      .option('apply', { type: 'boolean', default: false, describe: 'Delete it in the cluster' })
      .example('kubectl iot delete iotconfig iot -n enmasse-infra --gitops-dir ./cluster', 'A second IoTConfig, from Git')
      .example('kubectl iot delete messagingaddress telemetry -n ns1 --apply', 'An address in the cluster') as never,
  handler: async (args) => {
    const kind = kindOfWord(String(args.kind), DELETABLE);
    const name = String(args.name);
    const namespace = namespaceOf(args);
    if (destinationOf(args, 'delete') === 'tree') {
      const root = String(args['gitops-dir']);
      const { readTree, changeFiles } = require('./create/tree') as typeof import('./create/tree');
      const found = inTree(await readTree(root, namespace, args.ctx.env, warner(args.ctx)), kind, namespace, name, root);
      changeFiles(args.ctx, root, [{ source: found.source, what: `${kind} ${namespace}/${name}`, change: { delete: true } }]);
      return;
    }
    const cluster = await args.ctx.connect(clusterOptions(args));
    const live = (await liveFinder(cluster, namespace))(kind, name);
    if (!live) return err(args.ctx, `${kind} ${namespace}/${name} does not exist in the cluster; nothing to delete`);
    err(args.ctx, await cluster.delete(live.apiVersion, live.kind, namespace, name));
  },
};
