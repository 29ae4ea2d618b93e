/** `kubectl iot`: the root command. Wiring only: global flags, the command list, exit codes. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommand } from './commands/check';
import { completionCommand } from './commands/completion';
import { createCommand } from './commands/create';
import { initCommand } from './commands/init';
import { globalOptions } from './commands/options';
import { policiesCommand } from './commands/policies';
import { statusCommand } from './commands/status';
import { versionCommand } from './commands/version';
import { EXIT, UsageError, messageOf } from './errors';
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
    .command(policiesCommand)
    .command(versionCommand)
    .command(completionCommand)
    .demandCommand(1, 'error: a command is required')
    .recommendCommands()
    .strict()
    .help('help')
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(120, process.stdout.columns || 100))
    .epilogue("Use 'kubectl iot <command> --help' for more information about a command.")
    .fail((message, error) => {
      // yargs calls this for its own validation errors (message) and for handler errors (error).
      throw error ?? new UsageError(message ?? 'invalid arguments');
    });
}

/** Runs the CLI and sets the process exit code: 0 clean, 1 findings, 2 could not do the job. */
export async function main(argv: string[]): Promise<void> {
  const verbose = argv.some((a) => /^(-v+|--verbose)$/.test(a));
  try {
    // yargs silently drops a lone "-" (stdin); carry it through as a token no real path can be.
    await buildCli(argv.map((arg) => (arg === '-' ? STDIN_ARG : arg))).parseAsync();
  } catch (error) {
    writeErr(`error: ${messageOf(error)}`);
    if (error instanceof UsageError) {
      const command = argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ');
      writeErr(`See 'kubectl iot ${command ? `${command} ` : ''}--help' for usage.`);
    }
    if (verbose && error instanceof Error && error.stack) writeErr(error.stack);
    process.exitCode = EXIT.failure;
  }
}

if (require.main === module) void main(hideBin(process.argv));
