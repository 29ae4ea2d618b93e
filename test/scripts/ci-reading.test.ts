import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTools, underCi } from '../helpers/ci';
import { ROOT } from '../helpers/cli';

const VALUES: [string | undefined, boolean][] = [
  [undefined, false], ['', false], ['false', false], ['FALSE', false], ['0', false], [' false ', false],
  ['true', true], ['True', true], ['1', true], ['yes', true], ['gitlab', true],
];

test('underCi: CI set, non-empty and not false/0 (any case) is CI', () => {
  for (const [value, expected] of VALUES) assert.is(underCi(value === undefined ? {} : { CI: value }), expected, String(value));
});

test('scripts/test.sh reads CI exactly as the suites do', () => {
  const line = readFileSync(join(ROOT, 'scripts', 'test.sh'), 'utf8').split('\n').find((l) => l.startsWith('under_ci() {'));
  assert.ok(line, 'scripts/test.sh defines under_ci');
  for (const [value, expected] of VALUES) {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    if (value !== undefined) env.CI = value;
    const run = spawnSync('bash', ['-c', `${line}\nunder_ci`], { env });
    assert.is(run.status === 0, expected, `CI=${value}`);
  }
});

test('requireTools registers nothing when nothing is missing, else one skip outside CI or one failing test under CI', async () => {
  const registered = (ci: string | undefined, missing: string[]) => {
    const saved = process.env.CI;
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    const calls: string[] = [];
    const fake = Object.assign((name: string) => calls.push(`test ${name}`), {
      skip: (name?: string) => calls.push(`skip ${name}`),
    }) as unknown as ReturnType<typeof suite>;
    try {
      return { ready: requireTools(fake, 'the thing', missing, 'install it'), calls };
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  };
  assert.equal(registered('true', []), { ready: true, calls: [] });
  assert.equal(registered(undefined, ['opa']), { ready: false, calls: ['skip the thing (skipped: opa missing; install it)'] });
  assert.equal(registered('false', ['opa']), { ready: false, calls: ['skip the thing (skipped: opa missing; install it)'] });
  assert.equal(registered('1', ['opa', 'gator']),
    { ready: false, calls: ['test the thing: needs opa, gator (CI installs every tool: install it)'] });
});

test.run();
