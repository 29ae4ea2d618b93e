/** `kubectl iot create infrastructure`: the IoTConfig "default" with its device registry. */
import type { CommandModule } from 'yargs';
import { CliError } from '../../errors';
import type { CreateArgs } from './emit';

export const createInfrastructureCommand: CommandModule<CreateArgs, CreateArgs> = {
  command: 'infrastructure',
  describe: 'Create the IoT infrastructure (IoTConfig "default") bound to one messaging infrastructure',
  handler: async () => {
    throw new CliError('not available yet');
  },
};
