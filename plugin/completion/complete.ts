/**
 * Shell completion from yargs' own command tree. yargs answers its `--get-yargs-completions` request in the
 * command being typed (so every command, flag and `choices` list completes as soon as it is declared); this adds
 * what only a cluster or a GitOps tree knows (namespaces, project names, see values.ts) and answers in one of two
 * formats: yargs' (one word a line, for the bash and zsh scripts of `kubectl iot completion`) or cobra's
 * (`word<TAB>description` lines, then `:DIRECTIVE`), which kubectl >= 1.26 reads from kubectl_complete-iot.
 */
import type { Argv } from 'yargs';
import { DIRECTIVE, positionalSource, valueSource, type Answer } from './sources';

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
type Completer = (current: string, argv: Record<string, unknown> & { _: unknown[] }, fallback: Fallback, done: Done) => void;

/** yargs' completion function for `cli`: its own completions, the dynamic values, in the requested format. */
export function completer(cli: Argv, request: CompletionRequest): Completer {
  const y = cli as unknown as Introspection;
  return (current, argv, fallback, done) => {
    const finish = (answer: Answer) => done(format(answer, current, request.cobra));
    const flag = flagValue(request.words, y.getOptions());
    if (flag) {
      const { key, prefix } = flag;
      const choices = y.getOptions().choices[key];
      const answer = choices ? Promise.resolve({ values: choices, directive: DIRECTIVE.noFiles })
        : valueSource(key, argv);
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
      void positionalSource([...commands, key ?? ''].join(' '), { ...argv, ...typed })
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
