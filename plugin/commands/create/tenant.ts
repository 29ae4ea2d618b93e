/** `kubectl iot create tenant`: the MessagingTenant "default" of a namespace. */
import type { CommandModule } from 'yargs';
import { CliError } from '../../errors';
import { buildTenant, type InfrastructureRef } from '../../model/manifests';
import { invalidSubdomain } from '../../model/names';
import { validNamespace } from '../options';
import { checkDestination, createFlags, deliver, namespaceFor, type CreateArgs } from './emit';

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
        describe: 'Bind to this MessagingInfrastructure: NAMESPACE/NAME, or NAME in --infra-namespace ' +
          '(default: chosen by its namespaceSelector)',
      })
      .example('kubectl iot create tenant -n ns1', 'Print the tenant of namespace ns1')
      .example('kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/default', 'Bind it explicitly')
      .example('kubectl iot create tenant -n ns1 --gitops-dir ./cluster', 'Write it into a GitOps tree')
      .example('kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/iot --force --gitops-dir ./cluster',
        'Rebind the tenant the tree already has, in its own file') as never,
  handler: async (args) => {
    checkDestination(args);
    const namespace = namespaceFor(args);
    const flag = args['messaging-infrastructure'];
    const ref = flag === undefined ? undefined : parseInfrastructureRef(flag, args['infra-namespace']);
    const tenant = buildTenant(namespace, ref);
    await deliver(args, [tenant], () => {
      const { setPath } = require('../../gitops/edit') as typeof import('../../gitops/edit');
      // --force rebinds the tenant where it is: only its reference changes, every other line stays.
      const rewrite = (doc: Parameters<typeof setPath>[0]) =>
        setPath(doc, ['spec', 'messagingInfrastructureRef'], tenant.spec?.messagingInfrastructureRef);
      return (require('./tree') as typeof import('./tree')).addToTree(args, namespace, `tenants/${namespace}`,
        () => [{ name: 'messaging-tenant.yaml', object: tenant, rewrite }]);
    });
  },
};

/** Parses NAMESPACE/NAME (as kubectl writes references) or NAME (in `defaultNamespace`), validating both parts. */
export function parseInfrastructureRef(value: string, defaultNamespace: string): Required<InfrastructureRef> {
  const parts = value.split('/');
  const [namespace, name] = parts.length === 2 ? parts : [defaultNamespace, parts[0]];
  const problem = invalidSubdomain(name ?? '');
  if (parts.length > 2 || problem) {
    throw new CliError(`invalid --messaging-infrastructure "${value}": expected NAMESPACE/NAME or NAME${problem ? ` (name ${problem})` : ''}`);
  }
  return { name, namespace: validNamespace(namespace, '--messaging-infrastructure') };
}
