/**
 * Shell completion from yargs' own command tree. yargs answers its `--get-yargs-completions` request in the
 * command being typed (so every command, flag and `choices` list completes as soon as it is declared); this adds
 * what only a cluster or a GitOps tree knows (namespaces, project names, see values.ts) and answers in one of two
 * formats: yargs' (one word a line, for the bash and zsh scripts of `kubectl iot completion`) or cobra's
 * (`word<TAB>description` lines, then `:DIRECTIVE`), which kubectl >= 1.26 reads from kubectl_complete-iot.
 */
import type { Argv } from 'yargs';
import type { Context } from '../context';
import { DIRECTIVE, positionalSource, valueSource, type Answer, type Reach } from './sources';

export const YARGS_REQUEST = '--get-yargs-completions';
/** What kubectl_complete-iot runs: `kubectl-iot __complete WORD... CURRENT` (cobra's hidden command). */
export const COBRA_REQUEST = '__complete';
/** yargs' .completion() registers a command that prints its script; ours is `completion bash`, so hide it. */
export const COMPLETION_SCRIPT_COMMAND = '__completion-script';
/** The program name a completion request carries first (yargs' scripts pass the whole command line). */
const PROGRAM = 'kubectl-iot';

export interface CompletionRequest {
  /** The words after the program name; the last is the one being completed (possibly ''). */
  words: string[];
  /** Answer in cobra's format (kubectl's plugin completion) instead of yargs'. */
  cobra: boolean;
  /** The arguments for yargs. */
  argv?: string[];
}

/** The variables yargs reads to choose its zsh format (`word:description`) over plain words. */
export interface ShellVariables {
  SHELL?: string;
  ZSH_NAME?: string;
}

/**
 * Runs `build` with yargs' shell detection seeing `shell`: yargs reads $SHELL and $ZSH_NAME from the process when
 * a parser is built, not from a command's context, so they are set for that moment and restored.
 */
export function withShell<T>(shell: ShellVariables, build: () => T): T {
  const saved: ShellVariables = { SHELL: process.env.SHELL, ZSH_NAME: process.env.ZSH_NAME };
  const set = (variables: ShellVariables) => {
    for (const key of ['SHELL', 'ZSH_NAME'] as const) {
      if (variables[key] === undefined) delete process.env[key];
      else process.env[key] = variables[key];
    }
  };
  set(shell);
  try {
    return build();
  } finally {
    set(saved);
  }
}

/** A request being answered: what its lookups may reach, and where the candidates go. */
export interface Answering extends CompletionRequest {
  reach: Reach;
  /** Called once with the answer's lines; yargs' own printing (console.log, then process.exit) is not used. */
  reply: (lines: string[]) => void;
  /** Set when yargs hands the request to the completer, which then always replies. */
  started?: boolean;
}

/**
 * Answers `request` in this process, for `ctx`. yargs computes the candidates inside its parse but hands them over
 * after it settles (its inner parse of the command being typed even fails its strict validation first), and the
 * dynamic values take a lookup: so the completer replies here, and the parse's outcome only says when to stop
 * waiting for a completer that never started.
 * `build` is cli.ts's buildCli, with the completer answering `request`.
 */
export function answerCompletion(request: CompletionRequest & { argv: string[] }, ctx: Context,
  build: (answering: Answering) => Argv): Promise<string[]> {
  return new Promise((resolve) => {
    const answering: Answering = { ...request, reach: ctx, reply: resolve };
    // The completer starts within yargs' parse or on a promise of it: by the next turn of the event loop, or never.
    const settled = () => setImmediate(() => {
      if (!answering.started) resolve([]);
    });
    try {
      // cobra's format carries descriptions: yargs gives them in its zsh format only, which format() converts.
      const shell = request.cobra ? { SHELL: ctx.env.SHELL, ZSH_NAME: 'zsh' } : { SHELL: ctx.env.SHELL, ZSH_NAME: ctx.env.ZSH_NAME };
      withShell(shell, () => build(answering)).exitProcess(false).parseAsync(request.argv, { ctx }).then(settled, settled);
    } catch {
      // The inner parse's validation throws out of yargs' parse itself, after the completer started.
      settled();
    }
  });
}

/** The completion request argv is, if any: kubectl's (`__complete ...`) or yargs' scripts'. */
export function completionRequest(argv: string[]): (CompletionRequest & { argv: string[] }) | undefined {
  if (argv[0] === COBRA_REQUEST) {
    const words = argv.length > 1 ? argv.slice(1) : [''];
    return { words, cobra: true, argv: [YARGS_REQUEST, PROGRAM, ...words] };
  }
  const at = argv.indexOf(YARGS_REQUEST);
  if (at < 0) return undefined;
  const words = argv.slice(at + 2);
  return { words: words.length > 0 ? words : [''], cobra: false, argv };
}

/** The parts of yargs' state completion reads (public methods @types/yargs does not declare). */
interface Introspection {
  getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]>; boolean: string[]; count: string[];
    choices: Record<string, string[]> };
  getGroups(): Record<string, string[]>;
  getInternalMethods(): { getContext(): { commands: string[] };
    getUsageInstance(): { getPositionalGroupName(): string } };
}

type Done = (completions: string[]) => void;
type Fallback = (onCompleted?: (error: Error | null, completions: string[] | undefined) => void) => void;
/** yargs tells a completer that takes a fallback by its four parameters; `done` stays unused (see Answering). */
type Completer = (current: string, argv: Record<string, unknown> & { _: unknown[] }, fallback: Fallback, done: Done) => void;

/** yargs' completion function for `cli`: its own completions, the dynamic values, in the requested format. */
export function completer(cli: Argv, request: Answering): Completer {
  const y = cli as unknown as Introspection;
  const { reach } = request;
  // Four parameters: yargs passes a fallback only to a function of that length.
  return (current, argv, fallback, _done) => {
    request.started = true;
    const finish = (answer: Answer) => request.reply(format(answer, current, request.cobra));
    const flag = flagValue(request.words, y.getOptions());
    if (flag) {
      const { key, prefix } = flag;
      const choices = y.getOptions().choices[key];
      const answer = choices ? Promise.resolve({ values: choices, directive: DIRECTIVE.noFiles })
        : valueSource(key, argv, reach);
      void answer.then((a) => finish({ ...a, values: a.values.map((v) => prefix + v) }));
      return;
    }
    fallback((_error, list) => {
      // Flags only once a dash is typed, as cobra does; yargs offers them for an empty word too.
      const values = (list ?? []).filter((v) => current.startsWith('-') || !v.startsWith('-'));
      if (current.startsWith('-')) return finish({ values, directive: DIRECTIVE.noFiles });
      const internal = y.getInternalMethods();
      const commands = internal.getContext().commands;
      // The group is named in the user's locale, as yargs' own positional completion reads it.
      const positionals = y.getGroups()[internal.getUsageInstance().getPositionalGroupName()] ?? [];
      const index = argv._.length - commands.length - 2;
      const key = index >= 0 && positionals.length > 0 ? positionals[Math.min(index, positionals.length - 1)] : undefined;
      // yargs names the positionals only when it runs the command: name the ones typed before this one.
      const typed = Object.fromEntries(positionals.slice(0, Math.max(index, 0))
        .map((name, i) => [name, String(argv._[commands.length + 1 + i])]));
      void positionalSource([...commands, key ?? ''].join(' '), { ...argv, ...typed }, reach)
        .then((extra) => finish({ values: [...values, ...extra.values], directive: extra.directive }));
    });
  };
}

/** The flag whose value is being typed: `-n CURRENT`, `--namespace CURRENT` or `--namespace=CURRENT`. */
function flagValue(words: string[], options: ReturnType<Introspection['getOptions']>):
  { key: string; prefix: string } | undefined {
  const current = words[words.length - 1] ?? '';
  const inline = /^(--?[^=]+)=/.exec(current);
  const flag = inline ? inline[1] : words.length > 1 ? words[words.length - 2] : '';
  if (!/^--?[^-]/.test(flag)) return undefined;
  const name = flag.replace(/^--?/, '');
  const key = Object.keys(options.key).find((k) => k === name || (options.alias[k] ?? []).includes(name));
  if (key === undefined || options.boolean.includes(key) || options.count.includes(key)) return undefined;
  return { key, prefix: inline ? `${inline[1]}=` : '' };
}

/**
 * The answer as lines. yargs' zsh format is `word:description` (colons in words escaped); cobra's is
 * `word<TAB>description`, then the directive. Only words that start with what is typed are kept.
 */
function format(answer: Answer, current: string, cobra: boolean): string[] {
  const lines = [...new Set(answer.values)].filter((line) => word(line).startsWith(current));
  if (!cobra) return lines;
  return [...lines.map((line) => {
    const [w, description] = split(line);
    return description ? `${w}\t${description}` : w;
  }), `:${answer.directive}`];
}

/** The word of a `word:description` line, unescaped. */
function word(line: string): string {
  return split(line)[0];
}

function split(line: string): [string, string | undefined] {
  const at = line.search(/(?<!\\):/);
  const w = (at < 0 ? line : line.slice(0, at)).replace(/\\:/g, ':');
  return [w, at < 0 ? undefined : line.slice(at + 1).trim() || undefined];
}
