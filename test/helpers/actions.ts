/**
 * Runs a composite GitHub Action (action.yml) the way the runner does, without GitHub (a stand-in for the runner,
 * which cannot run here): each `run:` step in `bash --noprofile --norc -eo pipefail`, its `${{ }}` expressions
 * substituted, inputs also as INPUT_* variables, and fresh GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH and
 * GITHUB_ENV files per step, read back as the runner reads them. Stops at the first failing step, as GitHub does.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

interface ActionFile {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface ActionRun {
  /** The exit code of the last step that ran (the first that failed, or the last one). */
  code: number;
  stdout: string;
  stderr: string;
  /** The action's outputs, from its `outputs:` expressions. */
  outputs: Record<string, string>;
  /** Everything the steps appended to their job summary files, in order. */
  summary: string;
  /** What the steps added to PATH, in order. */
  path: string[];
}

/** `name=value` lines and `name<<DELIMITER` blocks, as GITHUB_OUTPUT holds them. */
export function parseOutputFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${heredoc[1]}<<${heredoc[2]} is never closed`);
      values[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      values[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    } else if (lines[i] !== '') {
      throw new Error(`GITHUB_OUTPUT: cannot read line "${lines[i]}"`);
    }
  }
  return values;
}

/** Substitutes `${{ inputs.X }}`, `${{ steps.ID.outputs.X }}` and `${{ github.action_path }}`; any other expression fails. */
function substitute(text: string, context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; actionPath: string }): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    let match: RegExpExecArray | null;
    if ((match = /^inputs\.([\w-]+)$/.exec(expression))) return context.inputs[match[1]] ?? '';
    if ((match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) return context.steps[match[1]]?.[match[2]] ?? '';
    if (expression === 'github.action_path') return context.actionPath;
    throw new Error(`action.yml: the test runner does not evaluate \${{ ${expression} }}`);
  });
}

/** Runs `actionFile`'s steps in `workspace` with `inputs` (the rest take their defaults). */
export function runAction(actionFile: string, workspace: string, temp: string, inputs: Record<string, string> = {},
  env: Record<string, string> = {}): ActionRun {
  const action = parse(readFileSync(actionFile, 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`action.yml runs ${action.runs.using}, not composite`);
  const actionPath = join(actionFile, '..');
  const given = Object.fromEntries(Object.entries(action.inputs ?? {}).map(([name, input]) => [name, inputs[name] ?? input.default ?? '']));
  const context = { inputs: given, steps: {} as Record<string, Record<string, string>>, actionPath };
  const result: ActionRun = { code: 0, stdout: '', stderr: '', outputs: {}, summary: '', path: [] };
  mkdirSync(join(temp, 'runner'), { recursive: true });
  for (const [n, step] of action.runs.steps.entries()) {
    if (step.uses || step.run === undefined) throw new Error(`step ${n}: only run: steps can run here`);
    if (step.shell !== 'bash') throw new Error(`step ${n}: a composite step must say shell: bash`);
    const files = Object.fromEntries(['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_PATH', 'GITHUB_ENV']
      .map((name) => [name, join(temp, 'runner', `${name.toLowerCase()}-${n}`)]));
    for (const file of Object.values(files)) writeFileSync(file, '');
    const script = join(temp, 'runner', `step-${n}.sh`);
    writeFileSync(script, substitute(step.run, context));
    const stepEnv: Record<string, string | undefined> = {
      ...process.env, ...env, ...files,
      PATH: [...result.path, process.env.PATH ?? ''].join(delimiter),
      GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: actionPath,
      RUNNER_TEMP: join(temp, 'runner'),
      ...Object.fromEntries(Object.entries(given).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])),
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(String(value), context)])),
    };
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script],
      { cwd: workspace, env: stepEnv as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 300_000 });
    if (ran.error) throw ran.error;
    result.stdout += ran.stdout;
    result.stderr += ran.stderr;
    result.code = ran.status ?? -1;
    if (step.id) context.steps[step.id] = parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
    result.summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
    result.path.unshift(...readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse());
    if (result.code !== 0) break;
  }
  result.outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, output]) => [name, substitute(output.value, context)]));
  return result;
}
