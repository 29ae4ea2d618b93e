/** `kubectl iot completion bash|zsh|fish|powershell|install`: shell completion (see plugin/completion/). */
import type { Argv, CommandModule } from 'yargs';
import { COMPLETION_SCRIPT_COMMAND, withShell } from '../completion/complete';
import { COMPLETE_EXECUTABLE, installCompleteExecutable, pluginDir } from '../completion/install';
import { SHELLS, completionScript, type Shell } from '../completion/scripts';
import type { GlobalArgs } from './options';
import { err, out } from '../context';

const EXAMPLES: Record<Shell, [string, string]> = {
  bash: ['source <(kubectl-iot completion bash)', 'In ~/.bashrc'],
  zsh: ['source <(kubectl-iot completion zsh)', 'In ~/.zshrc (after compinit)'],
  fish: ['kubectl-iot completion fish | source', 'In ~/.config/fish/config.fish'],
  powershell: ['kubectl-iot completion powershell | Out-String | Invoke-Expression', 'In $PROFILE'],
};

/** cli.ts's buildCli: the whole command tree, whose yargs script the bash and zsh scripts embed. */
type BuildCli = (argv: string[]) => Argv;

const shellCommand = (shell: Shell, buildCli: BuildCli): CommandModule<GlobalArgs, GlobalArgs> => ({
  command: shell,
  describe: `Print the ${shell} completion script of kubectl-iot`,
  builder: (yargs) => yargs.example(...EXAMPLES[shell]),
  handler: (args) => {
    out(args.ctx, completionScript(shell, (name) => yargsScript(buildCli, name)).trimEnd());
  },
});

interface InstallArgs extends GlobalArgs {
  dir?: string;
}

const installCommand: CommandModule<GlobalArgs, InstallArgs> = {
  command: 'install',
  describe: `Write ${COMPLETE_EXECUTABLE} beside the plugin, so kubectl iot <TAB> completes (kubectl >= 1.26)`,
  builder: (yargs) =>
    yargs
      .option('dir', { type: 'string', describe: 'Folder on PATH to write it into (default: where kubectl-iot is)' })
      .example('kubectl iot completion install', 'After kubectl krew install iot; kubectl completion must be loaded too')
      .example('kubectl iot completion install --dir ~/.krew/bin', 'Into a folder of your choice') as never,
  handler: (args) => {
    const file = installCompleteExecutable(args.dir ?? pluginDir(args.ctx.env));
    err(args.ctx, `wrote ${file}: kubectl iot <TAB> completes through kubectl's completion (source <(kubectl completion bash))`);
  },
};

/** The command, given the CLI it completes (passed in: importing cli.ts from here would be an import cycle). */
export const completionCommand = (buildCli: BuildCli): CommandModule<GlobalArgs, GlobalArgs> => ({
  command: 'completion',
  describe: 'Shell completion: print a bash, zsh, fish or PowerShell script, or install kubectl iot <TAB>',
  builder: (yargs) =>
    SHELLS.reduce((y: Argv<GlobalArgs>, shell) => y.command(shellCommand(shell, buildCli)), yargs)
      .command(installCommand as never)
      .demandCommand(1, `name a shell (${SHELLS.join(', ')}) or install`)
      .example('source <(kubectl-iot completion bash)', 'Complete kubectl-iot in this bash')
      .example('kubectl iot completion install', "Complete kubectl iot with kubectl's own completion"),
  handler: () => undefined,
});

/** yargs' script, generated under the name kubectl-iot with yargs' shell detection pointed at `shell`. */
function yargsScript(buildCli: BuildCli, shell: 'bash' | 'zsh'): string {
  let script = '';
  // Run as yargs' own completion command with a parse callback, which captures the output instead of printing it.
  withShell({ SHELL: `/bin/${shell}` }, () => buildCli([]).scriptName('kubectl-iot')
    .parse([COMPLETION_SCRIPT_COMMAND], {}, (_error, _argv, output) => {
      script = output;
    }));
  return script.replaceAll(COMPLETION_SCRIPT_COMMAND, `completion ${shell}`);
}
