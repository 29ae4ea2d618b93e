/** `kubectl iot`: the root command. Wiring only: global flags, the command list, exit codes. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommand } from './commands/check';
import { completionCommand } from './commands/completion';
import { createCommand } from './commands/create';
import { deleteCommand } from './commands/delete';
import { fnCommand } from './commands/fn';
import { initCommand } from './commands/init';
import { globalOptions } from './commands/options';
import { policiesCommand } from './commands/policies';
import { recreateCommand } from './commands/recreate';
import { renameCommand } from './commands/rename';
import { statusCommand } from './commands/status';
import { versionCommand } from './commands/version';
import { EXIT, UsageError, messageOf } from './errors';
import { escapeControls } from './output/sanitize';
import { STDIN_ARG, writeErr } from './terminal';

/** Builds the root parser; `argv` without the node and script entries. */
export function buildCli(argv: string[]) {
  return globalOptions(yargs(argv))
    .scriptName('kubectl iot')
    .parserConfiguration({ 'camel-case-expansion': false })
    .usage('kubectl iot: create, check and explain EnMasse IoT projects\n\nUsage: kubectl iot <command> [flags]')
    .command(createCommand)
    .command(initCommand)
    .command(checkCommand)
    .command(statusCommand)
    .command(renameCommand)
    .command(deleteCommand)
    .command(recreateCommand)
    .command(policiesCommand)
    .command(fnCommand)
    .command(versionCommand)
    .command(completionCommand)
    .demandCommand(1, 'a command is required')
    .recommendCommands()
    .strict()
    .help('help')
    .alias('help', 'h')
    .version(false)
    // The terminal's width (at most 120), 80 columns when the help goes to a file or a pipe, as kubectl's does.
    .wrap(process.stdout.isTTY && process.stdout.columns ? Math.min(120, process.stdout.columns) : 80)
    .epilogue("Use 'kubectl iot <command> --help' for more information about a command.")
    .fail((message, error) => {
      // yargs calls this for its own validation errors (message) and for handler errors (error).
      throw error ?? new UsageError(clearer(message ?? 'invalid arguments'));
    });
}

/** Runs the CLI and sets the process exit code: 0 clean, 1 findings, 2 could not do the job. */
export async function main(argv: string[]): Promise<void> {
  const verbose = argv.some((a) => /^(-v+|--verbose)$/.test(a));
  // Like kubectl: no arguments at all prints the help, and `help COMMAND...` is `COMMAND... --help`.
  if (argv.length === 0) argv = ['--help'];
  else if (argv[0] === 'help') argv = [...argv.slice(1), '--help'];
  try {
    const unknown = unknownCommand(argv);
    if (unknown) throw new UsageError(`unknown command "${unknown}" for "kubectl iot"`);
    // yargs silently drops a lone "-" (stdin); carry it through as a token no real path can be.
    await buildCli(argv.map((arg) => (arg === '-' ? STDIN_ARG : arg))).parseAsync();
  } catch (error) {
    // Messages quote untrusted input (file names, YAML): no control character of it reaches the terminal raw.
    writeErr(`error: ${escapeControls(messageOf(error), '\n')}`);
    if (error instanceof UsageError) {
      const command = commandPath(argv).join(' ');
      writeErr(`See 'kubectl iot ${command ? `${command} ` : ''}--help' for usage.`);
    }
    if (verbose && error instanceof Error && error.stack) writeErr(error.stack);
    process.exitCode = EXIT.failure;
  }
}

const COMMANDS = ['create', 'init', 'check', 'status', 'rename', 'delete', 'recreate', 'policies', 'fn', 'version', 'completion', 'help'];
const SUBCOMMANDS: Record<string, string[]> = {
  create: ['project', 'tenant', 'infrastructure', 'messaging-infrastructure'],
  policies: ['list', 'export'],
  recreate: ['project'],
};

/** The command words of argv that name real commands (`create project`), for the --help hint. */
function commandPath(argv: string[]): string[] {
  const words = argv.filter((a) => !a.startsWith('-'));
  const path: string[] = [];
  if (COMMANDS.includes(words[0])) path.push(words[0]);
  if (path.length === 1 && SUBCOMMANDS[path[0]]?.includes(words[1])) path.push(words[1]);
  return path;
}

/** yargs' vaguest messages, said the way kubectl would. */
function clearer(message: string): string {
  if (message.startsWith('Not enough non-option arguments')) return 'a required argument is missing';
  if (message.startsWith('Did you mean')) return `unknown command. ${message}`;
  return message;
}

/** The first word when it names no command (flags and their values are skipped as yargs would). */
function unknownCommand(argv: string[]): string | undefined {
  const first = argv.find((arg, i) => !arg.startsWith('-') && !/^-(n|o|-namespace|-output|-context|-kubeconfig|-infra-namespace)$/.test(argv[i - 1] ?? ''));
  return first !== undefined && !COMMANDS.includes(first) ? first : undefined;
}

if (require.main === module) void main(hideBin(process.argv));
