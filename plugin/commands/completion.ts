/** `kubectl iot completion`: a shell completion script (bash, zsh). */
import type { CommandModule } from 'yargs';
import type { GlobalArgs } from './options';

export const completionCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'completion',
  describe: 'Print a bash/zsh completion script',
  builder: (yargs) =>
    yargs.example('source <(kubectl iot completion)', 'Enable completion in the current shell'),
  handler: async () => {
    // yargs generates the script; it completes `kubectl-iot`, the name kubectl runs.
    const { buildCli } = await import('../cli');
    buildCli([]).scriptName('kubectl-iot').showCompletionScript();
  },
};
