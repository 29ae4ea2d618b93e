/** `kubectl iot status [project NAME]`: live project status, re-checked against the cluster's state. */
import type { CommandModule } from 'yargs';
import { CliError } from '../errors';
import type { GlobalArgs } from './options';

interface StatusArgs extends GlobalArgs {
  kind?: string;
  name?: string;
}

export const statusCommand: CommandModule<GlobalArgs, StatusArgs> = {
  command: 'status [kind] [name]',
  describe: 'Explain the status of IoT projects on the cluster, with the fix for each problem',
  builder: (yargs) =>
    yargs
      .positional('kind', { type: 'string', choices: ['project', 'projects'], describe: 'What to show' })
      .positional('name', { type: 'string', describe: 'Name of one IoT project' })
      .example('kubectl iot status -n ns1', 'All projects of ns1')
      .example('kubectl iot status project iot1 -n ns1', 'One project')
      .example('kubectl iot status -A -o json', 'Every project, machine-readable') as never,
  handler: async () => {
    throw new CliError('status is not available yet');
  },
};
