/**
 * .pre-commit-hooks.yaml through the real pre-commit (PyPI 4.7.0, scripts/install-tools.sh pre-commit):
 * `pre-commit try-repo <this repository> HOOK --all-files` in a Git repository with a failing project fails
 * with the explanation; a healthy one passes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTools } from '../helpers/ci';
import { ROOT, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const test = suite('pre-commit try-repo (real pre-commit)');
const PRE_COMMIT = process.env.KUBECTL_IOT_PRE_COMMIT ?? '';

let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

/** A Git repository holding a copy of one of the examples, committed, as a user's repository would be. */
function repository(example: 'broken' | 'gitops'): string {
  const dir = join(tmp.dir, 'repo');
  cpSync(join(ROOT, 'examples', example), dir, { recursive: true });
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args],
      { cwd: dir, encoding: 'utf8' });
    assert.is(result.status, 0, result.stderr);
  };
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'tree');
  return dir;
}

/** Runs `pre-commit try-repo ROOT HOOK --all-files` in `repo`, with its own store and kubectl-iot on PATH. */
function tryRepo(repo: string, hook: string): { code: number; output: string } {
  const env = {
    ...process.env,
    PRE_COMMIT_HOME: join(tmp.dir, 'pre-commit-home'),
    // The system hook finds the built kubectl-iot of this checkout, as an installed one.
    PATH: `${join(ROOT, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
  };
  const result = spawnSync(PRE_COMMIT, ['try-repo', ROOT, hook, '--all-files', '--color', 'never'],
    { cwd: repo, env, encoding: 'utf8', timeout: 300_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

function assertExplainedFailure({ code, output }: { code: number; output: string }, hook: string): void {
  assert.is(code, 1, output);
  assert.match(output, new RegExp(`- hook id: ${hook}\\n- exit code: 1`));
  assert.match(output, /error {4}ns-no-tenant\/iot-project\.yaml:7 {2}project-requires-messaging-tenant/);
  assert.match(output, /fix: kubectl iot create tenant -n ns-no-tenant/);
  assert.match(output, /2 projects \(0 Active, 2 Failed\), 2 errors, 3 warnings/);
}

if (requireTools(test, 'pre-commit try-repo of both hooks', PRE_COMMIT && existsSync(PRE_COMMIT) ? [] : [`pre-commit (KUBECTL_IOT_PRE_COMMIT=${PRE_COMMIT ?? ''})`],
  'scripts/install-tools.sh pre-commit')) {
  test.before(() => {
    runCli(['version']); // builds dist/ once, for the system hook
  });

  test('kubectl-iot-check-system: a repository with failing projects fails with the explanation', () => {
    assertExplainedFailure(tryRepo(repository('broken'), 'kubectl-iot-check-system'), 'kubectl-iot-check-system');
  });

  test('kubectl-iot-check-system: a healthy repository passes', () => {
    const { code, output } = tryRepo(repository('gitops'), 'kubectl-iot-check-system');
    assert.is(code, 0, output);
    assert.match(output, /kubectl iot check \(installed kubectl-iot\)\.+Passed/);
  });

  test('kubectl-iot-check: builds the hook\'s own checkout (npm ci, about 40 s) and fails a failing repository', () => {
    assertExplainedFailure(tryRepo(repository('broken'), 'kubectl-iot-check'), 'kubectl-iot-check');
  });
}

test.run();
