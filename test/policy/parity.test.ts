import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/cli';
import { requireTools, whenReady } from '../helpers/ci';
import { tempDir } from '../helpers/tmp';
import { checkVerdicts, conftestVerdicts, GATEKEEPER, gatorVerdicts, parityFixtures, runTool, toolFound } from '../helpers/verdicts';

const FIXTURES = parityFixtures();
const samples = Object.keys(FIXTURES).filter((name) => name.startsWith('policies/'));

const checked = new Map<string, string[]>();
/** `check`'s verdicts on a fixture, computed once for both comparisons. */
function checkOf(name: string): string[] {
  if (!checked.has(name)) checked.set(name, checkVerdicts(FIXTURES[name]));
  return checked.get(name) ?? [];
}

const parity = suite('parity: the conftest and Gatekeeper exports give check\'s verdicts (real conftest and gator)');
// A missing tool: outside CI one skipped test for its comparisons, under CI one failing test (install-tools.sh has both).
const needs = (tool: string) => whenReady(parity, requireTools(parity, `${tool}'s comparisons`, toolFound(tool) ? [] : [tool],
  `scripts/install-tools.sh ${tool}`));
const conftest = needs('conftest');
const gator = needs('gator');

parity('the fixtures cover every policy with both verdicts', () => {
  const all = Object.keys(FIXTURES).flatMap(checkOf);
  const policies = samples.map((s) => s.split('/')[1]);
  for (const policy of new Set(policies)) assert.ok(all.some((v) => v.startsWith(`${policy} `)), `no finding of ${policy}`);
  assert.ok(Object.keys(FIXTURES).some((name) => checkOf(name).length === 0), 'a fixture without findings');
});

for (const name of Object.keys(FIXTURES)) {
  conftest(`conftest test --combine on ${name} reports what check reports`, () => {
    assert.equal(conftestVerdicts(FIXTURES[name]), checkOf(name));
  });
  gator(`gator test on ${name} reports what check reports`, () => {
    assert.equal(gatorVerdicts(FIXTURES[name]), checkOf(name));
  });
}

conftest('conftest takes the infrastructure namespace from a data document, as check takes --infra-namespace', () => {
  const { dir, cleanup } = tempDir();
  try {
    const data = join(dir, 'parameters.yaml');
    writeFileSync(data, 'kubectl_iot:\n  parameters:\n    infraNamespace: other-infra\n');
    const files = FIXTURES['test/fixtures/parity/selectors'];
    const expected = checkVerdicts(files, ['--infra-namespace', 'other-infra']);
    assert.not.equal(expected, checkOf('test/fixtures/parity/selectors'));
    assert.equal(conftestVerdicts(files, ['--data', data]), expected);
  } finally {
    cleanup();
  }
});

conftest('without --combine conftest says the policies need it, instead of judging documents alone', () => {
  const file = 'policies/project-requires-messaging-tenant/samples/allowed.yaml';
  const { code, output } = runTool('conftest', ['test', '--no-color', '-p', relative(ROOT, join(ROOT, 'policies/build/conftest')), file]);
  assert.is(code, 1);
  assert.match(output, 'kubectl-iot policies check all files together: run conftest test --combine');
});

gator('gator verify passes the export\'s suite: every sample object, exact messages', () => {
  const { code, output } = runTool('gator', ['verify', '-v', 'suite.yaml'], GATEKEEPER);
  assert.is(code, 0, output);
  assert.match(output, /^ok\s+suite\.yaml/m);
  assert.not.match(output, /FAIL|SKIP/);
  assert.ok((output.match(/--- PASS: /g) ?? []).length > 30, output);
});

gator('gator sync test: the export\'s Config syncs every kind the templates require', () => {
  const { code, output } = runTool('gator', ['sync', 'test', '-n', 'templates/', '-n', 'config.yaml', '--force-omit-gvk-manifest'], GATEKEEPER);
  assert.is(code, 0, output);
});

parity.run();
