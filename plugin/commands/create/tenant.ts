/** `kubectl iot create tenant`: the MessagingTenant "default" of a namespace. */
import type { CommandModule } from 'yargs';
import { CliError } from '../../errors';
import { buildTenant, type InfrastructureRef } from '../../model/manifests';
import { invalidSubdomain } from '../../model/names';
import { validNamespace } from '../options';
import { applyObjects, checkDestination, createFlags, namespaceFor, printObjects, type CreateArgs } from './emit';
import { readTree, writeFiles } from './tree';

interface TenantArgs extends CreateArgs {
  'messaging-infrastructure'?: string;
}

export const createTenantCommand: CommandModule<CreateArgs, TenantArgs> = {
  command: 'tenant',
  describe: 'Create the MessagingTenant "default" of a namespace (an IoT project needs it)',
  builder: (yargs) =>
    createFlags(yargs)
      .option('messaging-infrastructure', {
        type: 'string',
        describe: 'Bind to this MessagingInfrastructure, as NAME or NAME/NAMESPACE (default: chosen by its namespaceSelector)',
      })
      .example('kubectl iot create tenant -n ns1', 'Print the tenant of namespace ns1')
      .example('kubectl iot create tenant -n ns1 --messaging-infrastructure default/enmasse-infra', 'Bind it explicitly')
      .example('kubectl iot create tenant -n ns1 --gitops-dir ./cluster', 'Write it into a GitOps tree') as never,
  handler: async (args) => {
    checkDestination(args);
    const namespace = namespaceFor(args);
    const ref = args['messaging-infrastructure'] === undefined ? undefined : parseInfrastructureRef(args['messaging-infrastructure']);
    const tenant = buildTenant(namespace, ref);
    if (args['gitops-dir'] !== undefined) {
      const inventory = await readTree(args['gitops-dir'], namespace);
      writeFiles(args, inventory, namespace, `tenants/${namespace}`, [{ name: 'messaging-tenant.yaml', object: tenant }]);
      return;
    }
    if (args.apply) return applyObjects([tenant], args);
    printObjects([tenant], args);
  },
};

/** Parses NAME or NAME/NAMESPACE, validating both parts. */
export function parseInfrastructureRef(value: string): InfrastructureRef {
  const [name, namespace, ...rest] = value.split('/');
  const problem = invalidSubdomain(name ?? '');
  if (rest.length > 0 || problem) {
    throw new CliError(`invalid --messaging-infrastructure "${value}": expected NAME or NAME/NAMESPACE${problem ? ` (name ${problem})` : ''}`);
  }
  return namespace === undefined ? { name } : { name, namespace: validNamespace(namespace, '--messaging-infrastructure') };
}
