/** `kubectl iot create`: the parent of the commands that generate the IoT model's objects. */
import type { CommandModule } from 'yargs';
import type { GlobalArgs } from './options';
import { createInfrastructureCommand } from './create/infrastructure';
import { createMessagingInfrastructureCommand } from './create/messaging-infrastructure';
import { createProjectCommand } from './create/project';
import { createTenantCommand } from './create/tenant';

export const createCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'create',
  describe: 'Generate IoT projects, messaging tenants and IoT infrastructure (print, write to Git, or apply)',
  builder: (yargs) =>
    yargs
      .command(createProjectCommand as never)
      .command(createTenantCommand as never)
      .command(createInfrastructureCommand as never)
      .command(createMessagingInfrastructureCommand as never)
      .demandCommand(1, 'name what to create: project, tenant, infrastructure or messaging-infrastructure')
      .example('kubectl iot create tenant -n ns1', 'The messaging tenant of ns1')
      .example('kubectl iot create project iot1 -n ns1', 'An IoT project in ns1'),
  handler: () => undefined,
};
