/** `kubectl iot create messaging-infrastructure NAME`: a MessagingInfrastructure serving every namespace. */
import type { CommandModule } from 'yargs';
import { CliError } from '../../errors';
import { buildMessagingInfrastructure } from '../../model/infrastructure';
import { invalidSubdomain } from '../../model/names';
import { validNamespace } from '../options';
import { checkDestination, createFlags, deliver, type CreateArgs } from './emit';

interface MessagingInfrastructureArgs extends CreateArgs {
  name: string;
}

export const createMessagingInfrastructureCommand: CommandModule<CreateArgs, MessagingInfrastructureArgs> = {
  command: 'messaging-infrastructure <name>',
  describe: 'Create a MessagingInfrastructure (no namespaceSelector: it serves every namespace)',
  builder: (yargs) =>
    createFlags(yargs)
      .positional('name', { type: 'string', demandOption: true, describe: 'Its name (an IoTConfig binds to it by name)' })
      .example('kubectl iot create messaging-infrastructure default -n enmasse-infra', 'Print it')
      .example('kubectl iot create messaging-infrastructure iot -n enmasse-infra --gitops-dir ./cluster',
        'The one an IoTConfig binds to, into a GitOps tree') as never,
  handler: async (args) => {
    checkDestination(args);
    const name = String(args.name);
    const problem = invalidSubdomain(name);
    if (problem) throw new CliError(`invalid MessagingInfrastructure name "${name}": ${problem}`);
    // Infrastructure lives in the infrastructure namespace unless -n says where.
    const namespace = validNamespace(args.namespace ?? args['infra-namespace'], args.namespace ? '--namespace' : '--infra-namespace');
    const object = buildMessagingInfrastructure(namespace, name);
    await deliver(args, [object], () => (require('./tree') as typeof import('./tree'))
      .addToTree(args, namespace, 'infrastructure', () => [{ name: messagingInfrastructureFile(name), object }]));
  },
};

/** The file a MessagingInfrastructure is written to: one per name, so two never share (or overwrite) a file. */
export function messagingInfrastructureFile(name: string): string {
  return name === 'default' ? 'messaging-infrastructure.yaml' : `messaging-infrastructure-${name}.yaml`;
}
