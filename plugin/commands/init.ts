/** `kubectl iot init DIR`: a complete GitOps repository following the design's "Getting started". */
import type { CommandModule } from 'yargs';
import { CliError } from '../errors';
import type { GlobalArgs } from './options';

interface InitArgs extends GlobalArgs {
  dir: string;
}

export const initCommand: CommandModule<GlobalArgs, InitArgs> = {
  command: 'init <dir>',
  describe: 'Write a complete GitOps tree: CRDs, messaging and IoT infrastructure (PostgreSQL), a tenant and a project',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', demandOption: true })
      .example('kubectl iot init ./iot-gitops', 'Then: kubectl kustomize ./iot-gitops') as never,
  handler: async () => {
    throw new CliError('init is not available yet');
  },
};
