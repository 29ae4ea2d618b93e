/**
 * `kubectl iot rename KIND OLD NEW`: gives an object a new name where it lives. Kubernetes cannot rename, so in
 * the cluster the object is created under the new name (same labels, annotations and spec) and the old one deleted.
 */
import type { CommandModule } from 'yargs';
import { CliError } from '../errors';
import type { CanonicalKind, KubeObject } from '../model/kinds';
import { invalidSubdomain } from '../model/names';
import { validProjectName } from './create/project';
import { creatable, destinationOf, findObject, inTree, kindOfWord, liveFinder } from './objects';
import { clusterOptions, namespaceOf, type GlobalArgs } from './options';
import { err, warner } from '../context';

interface RenameArgs extends GlobalArgs {
  kind: string;
  old: string;
  new: string;
  'gitops-dir'?: string;
  apply?: boolean;
}

export const RENAMABLE: CanonicalKind[] = ['IoTConfig', 'IoTProject', 'MessagingTenant'];

export const renameCommand: CommandModule<GlobalArgs, RenameArgs> = {
  command: 'rename <kind> <old> <new>',
  describe: 'Rename an IoTConfig, IoTProject or MessagingTenant where it lives (an IoTConfig keeps its binding, a project ' +
    'comes out in the managed form)',
  builder: (yargs) =>
    yargs
      .positional('kind', { type: 'string', demandOption: true, describe: 'iotconfig, iotproject or messagingtenant' })
      .positional('old', { type: 'string', demandOption: true, describe: 'Its name now' })
      .positional('new', { type: 'string', demandOption: true, describe: 'Its new name' })
      .option('gitops-dir', { type: 'string', describe: 'Rename it in this GitOps tree, in its own file' })
      .option('apply', { type: 'boolean', default: false, describe: 'Rename it in the cluster (create the new, delete the old)' })
      .example('kubectl iot rename iotconfig iot default -n enmasse-infra --gitops-dir ./cluster',
        'The controller only accepts an IoTConfig named default')
      .example('kubectl iot rename iotproject My_Project my-project -n ns1 --apply', 'A project name the API accepts') as never,
  handler: async (args) => {
    const kind = kindOfWord(String(args.kind), RENAMABLE);
    const namespace = namespaceOf(args);
    const [from, to] = [String(args.old), String(args.new)];
    if (kind === 'IoTProject') validProjectName(to, namespace);
    else if (invalidSubdomain(to)) throw new CliError(`invalid name "${to}": ${invalidSubdomain(to)}`);
    if (from === to) throw new CliError(`${kind} ${namespace}/${from} already has that name`);
    if (destinationOf(args, 'rename') === 'tree') {
      const root = String(args['gitops-dir']);
      const { readTree, changeFiles } = require('./create/tree') as typeof import('./create/tree');
      const { setPath } = require('../gitops/edit') as typeof import('../gitops/edit');
      const inventory = await readTree(root, namespace, args.ctx.env, warner(args.ctx));
      const found = inTree(inventory, kind, namespace, from, root);
      if (findObject(inventory, kind, namespace, to)) throw new CliError(`${kind} ${namespace}/${to} already exists in ${root}`);
      const edit = (doc: Parameters<typeof setPath>[0]) => {
        setPath(doc, ['metadata', 'name'], to);
        const binding = keptBinding(kind, found.object, from);
        if (binding !== undefined) setPath(doc, ['spec', 'messagingInfrastructureRef'], binding);
        // A renamed project comes out in the managed form, the only one the design keeps.
        if (kind === 'IoTProject') setPath(doc, ['spec', 'downstreamStrategy'], undefined);
      };
      changeFiles(args.ctx, root, [{ source: found.source, what: `${kind} ${namespace}/${from}`, change: { edit } }]);
      return;
    }
    const cluster = await args.ctx.connect(clusterOptions(args));
    const live = await liveFinder(cluster, namespace);
    const found = live(kind, from);
    if (!found) throw new CliError(`${kind} ${namespace}/${from} does not exist in the cluster`);
    if (live(kind, to)) throw new CliError(`${kind} ${namespace}/${to} already exists in the cluster`);
    const copy = creatable(found);
    copy.metadata.name = to;
    const binding = keptBinding(kind, found, from);
    if (binding !== undefined) copy.spec = { ...(copy.spec ?? {}), messagingInfrastructureRef: binding };
    if (kind === 'IoTProject' && copy.spec) delete copy.spec.downstreamStrategy;
    err(args.ctx, await cluster.create(copy));
    err(args.ctx, await cluster.delete(found.apiVersion, found.kind, namespace, from));
  },
};

/** An IoTConfig without an explicit binding binds to its own name: renamed, it must say so to keep it. */
function keptBinding(kind: CanonicalKind, object: KubeObject, oldName: string): string | undefined {
  if (kind !== 'IoTConfig') return undefined;
  const ref = object.spec?.messagingInfrastructureRef;
  return typeof ref === 'string' && ref !== '' ? undefined : oldName;
}
