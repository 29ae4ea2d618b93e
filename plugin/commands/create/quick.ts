/**
 * The everyday `create` lines, answered without yargs: `create project NAME` and `create tenant`, with -n/--namespace,
 * -o/--output yaml|json and (project) --create-tenant, each at most once, every value a plain lowercase word. yargs
 * takes ~8 ms to build the parser, parse three levels of commands and validate, most of a printed project's start-up
 * (npm run bench); for these lines it would hand the command's handler exactly the arguments below. Any other line
 * (another flag, a `=` form, a repeated flag, a value yargs might read differently, help) returns undefined and goes
 * to yargs. test/commands/create-quick.test.ts holds both ways to the same output, error and exit code.
 */
import { DEFAULT_INFRA_NAMESPACE } from '../../model/kinds';
import type { Context } from '../../context';

/** A line recognised: the command path (for the --help hint of a usage error) and its handler's call. */
export interface QuickLine {
  path: string[];
  run(ctx: Context): Promise<void>;
}

/** A value yargs takes as the same string: a letter first (no number, no flag), then what names hold. */
const WORD = /^[a-z][a-z0-9.-]*$/;
const FLAGS: Record<string, string> = { '-n': 'namespace', '--namespace': 'namespace', '-o': 'output', '--output': 'output' };
const OUTPUTS = ['yaml', 'json'];

/** `argv` (without node and script) as a quick line, or undefined when yargs must parse it. */
export function quickLine(argv: string[]): QuickLine | undefined {
  const [verb, noun, ...rest] = argv;
  if (verb !== 'create' || (noun !== 'project' && noun !== 'tenant')) return undefined;
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    const key = FLAGS[token] ?? (token === '--create-tenant' && noun === 'project' ? 'create-tenant' : undefined);
    if (key === undefined) {
      if (!WORD.test(token)) return undefined;
      positionals.push(token);
    } else if (key in values) {
      return undefined;
    } else if (key === 'create-tenant') {
      values[key] = true;
    } else {
      const value = rest[++i];
      if (value === undefined || !WORD.test(value) || (key === 'output' && !OUTPUTS.includes(value))) return undefined;
      values[key] = value;
    }
  }
  if (positionals.length !== (noun === 'project' ? 1 : 0)) return undefined;
  // What yargs gives the handler for such a line: the flags given, every declared default, nothing else set.
  const args = {
    ...values,
    ...(noun === 'project' ? { name: positionals[0], 'create-tenant': values['create-tenant'] === true } : {}),
    force: false, apply: false, 'force-conflicts': false, 'infra-namespace': DEFAULT_INFRA_NAMESPACE, verbose: 0,
  };
  return {
    path: ['create', noun],
    run: async (ctx) => {
      const command = noun === 'project'
        ? (require('./project') as typeof import('./project')).createProjectCommand
        : (require('./tenant') as typeof import('./tenant')).createTenantCommand;
      await command.handler({ ...args, ctx, _: ['create', noun], $0: 'kubectl iot' } as never);
    },
  };
}
