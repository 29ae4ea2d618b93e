/** `kubectl iot`: the root command. Wiring only: global flags, the command list, exit codes. */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommand } from './commands/check';
import { completionCommand } from './commands/completion';
import { COMPLETION_SCRIPT_COMMAND, answerCompletion, completer, completionRequest, type Answering } from './completion/complete';
import { createCommand } from './commands/create';
import { quickLine } from './commands/create/quick';
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
import { defaultContext, err, out, type Context } from './context';
import { escapeControls } from './output/sanitize';
import { STDIN_ARG } from './terminal';

/** Builds the root parser; `argv` without the node and script entries; `stdout` decides the help's width. */
export function buildCli(argv: string[], completing?: Answering, stdout: Context['stdout'] = process.stdout) {
  const cli = globalOptions(yargs(argv))
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
    .command(completionCommand((words): Argv => buildCli(words)))
    .demandCommand(1, 'a command is required')
    .recommendCommands()
    .strict()
    .strictCommands()
    .help('help')
    .alias('help', 'h')
    .version(false)
    // The terminal's width (at most 120), 80 columns when the help goes to a file or a pipe, as kubectl's does.
    .wrap(stdout.isTTY && stdout.columns ? Math.min(120, stdout.columns) : 80)
    .epilogue("Use 'kubectl iot <command> --help' for more information about a command.")
    // Where a usage error happened, for the --help hint: validation fails inside the command, handlers after it.
    .middleware(() => {
      failedIn = commandsOf(cli);
    })
    .fail((message, error) => {
      // yargs calls this for its own validation errors (message) and for handler errors (error).
      if (commandsOf(cli).length > 0) failedIn = commandsOf(cli);
      throw error ?? new UsageError(clearer(message ?? 'invalid arguments', failedIn));
    });
  // yargs answers its --get-yargs-completions request from the command tree; completer() adds the dynamic values.
  return completing ? cli.completion(COMPLETION_SCRIPT_COMMAND, false, completer(cli, completing))
    : cli.completion(COMPLETION_SCRIPT_COMMAND, false);
}

let failedIn: string[] = [];

/** Runs the CLI in this process and sets its exit code: 0 clean, 1 findings, 2 could not do the job. */
export async function main(argv: string[]): Promise<void> {
  const ctx = defaultContext();
  const code = await run(argv, ctx);
  // A completion's lookup that timed out may still wait on a socket, and a shell waits for the process to end:
  // end it once the candidates are out.
  if (completionRequest(argv)) ctx.stdout.write('', () => process.exit(code));
  else if (code !== 0) process.exitCode = code;
}

/**
 * Runs one command line (without the node and script entries) against `ctx`, and returns its exit code.
 * yargs' own output (help) is collected by the parse callback, and completions by the completer (see
 * completion/complete.ts), and written to ctx.stdout.
 */
export async function run(argv: string[], ctx: Context): Promise<number> {
  ctx.exitCode = undefined;
  let printed = '';
  const collect = (_error: unknown, _argv: unknown, output: string): void => {
    printed = output;
  };
  const flush = (): void => {
    if (printed !== '') out(ctx, printed);
    printed = '';
  };
  const completing = completionRequest(argv);
  if (completing) {
    // A shell is waiting at the prompt: candidates or none, and nothing on stderr.
    for (const line of await answerCompletion(completing, ctx, (answering) => buildCli(completing.argv, answering, ctx.stdout))) {
      out(ctx, line);
    }
    return EXIT.ok;
  }
  const verbose = argv.some((a) => /^(-v+|--verbose)$/.test(a));
  // Like kubectl: no arguments at all prints the help, and `help COMMAND...` is `COMMAND... --help`.
  if (argv.length === 0) argv = ['--help'];
  else if (argv[0] === 'help') argv = [...argv.slice(1), '--help'];
  try {
    failedIn = [];
    // yargs silently drops a lone "-" (stdin); carry it through as a token no real path can be.
    const words = argv.map((arg) => (arg === '-' ? STDIN_ARG : arg));
    // The everyday create lines skip yargs (~8 ms of start-up), with the arguments it would give the handler.
    const quick = quickLine(words);
    if (quick) {
      failedIn = quick.path;
      await quick.run(ctx);
      return ctx.exitCode ?? EXIT.ok;
    }
    await buildCli(words, undefined, ctx.stdout).parseAsync(words, { ctx }, collect);
    flush();
    return ctx.exitCode ?? EXIT.ok;
  } catch (error) {
    // Messages quote untrusted input (file names, YAML): no control character of it reaches the terminal raw.
    err(ctx, `error: ${escapeControls(messageOf(error), '\n')}`);
    if (error instanceof UsageError) {
      const command = failedIn.join(' ');
      err(ctx, `See 'kubectl iot ${command ? `${command} ` : ''}--help' for usage.`);
    }
    if (verbose && error instanceof Error && error.stack) err(ctx, error.stack);
    return EXIT.failure;
  }
}

/** The commands yargs is inside of (`create project`), from its parsing context. */
function commandsOf(cli: unknown): string[] {
  const internal = (cli as { getInternalMethods?: () => { getContext(): { commands: string[] } } }).getInternalMethods;
  return internal ? [...internal.call(cli).getContext().commands] : [];
}

/** yargs' vaguest messages, said the way kubectl would. */
function clearer(message: string, commands: string[]): string {
  const unknown = /^Unknown commands?: (.*)$/.exec(message);
  if (unknown) return `unknown command "${unknown[1]}" for "${['kubectl iot', ...commands].join(' ')}"`;
  const format = /^Invalid values:\s+Argument: output, Given: "(.*)", Choices: (.*)$/s.exec(message);
  if (format) return `unknown output format "${format[1]}": use one of ${format[2].replace(/"/g, '')}`;
  if (message.startsWith('Not enough non-option arguments')) return 'a required argument is missing';
  if (message.startsWith('Did you mean')) return `unknown command. ${message}`;
  return message;
}

if (require.main === module) void main(hideBin(process.argv));
