/**
 * `kyverno test` of the real Kyverno CLI (the version of scripts/tools.env) on the committed export: both forms
 * load, and every kyverno-test.yaml result holds. A copy whose rules pass everything must fail the same tests.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { KyvernoTest } from '../../scripts/kyverno-types';
import { KYVERNO, kyverno, kyvernoTestFiles, requireKyverno } from '../helpers/kyverno';
import { tempDir } from '../helpers/tmp';

const cli = suite('kyverno test (real Kyverno CLI) on the Kyverno export');

/** "N tests passed and M tests failed" of a run. */
function summary(output: string): { passed: number; failed: number } {
  const found = /Test Summary: (\d+) tests? passed and (\d+) tests? failed/.exec(output);
  if (!found) throw new Error(`no test summary in ${output.slice(-2000)}`);
  return { passed: Number(found[1]), failed: Number(found[2]) };
}

const expected = kyvernoTestFiles().flatMap((file) => (parse(readFileSync(join(KYVERNO, file), 'utf8')) as KyvernoTest).results);

if (requireKyverno(cli, 'kyverno test on the export')) {
  cli('kyverno test tests/ passes every result of both forms, ValidatingPolicy and ClusterPolicy', async () => {
    const { code, stdout, stderr } = await kyverno(['test', 'tests/', '--remove-color'], KYVERNO);
    const output = stdout + stderr;
    assert.is(code, 0, output.slice(-3000));
    const { passed, failed } = summary(output);
    assert.is(failed, 0);
    // This CLI prints every result of a test that loads two policies of one name once per policy.
    assert.ok(passed >= expected.length, `${passed} passed of ${expected.length} expected results`);
    assert.ok(expected.some((r) => r.isValidatingPolicy) && expected.some((r) => r.rule), 'results of both forms');
    assert.not.match(output, /Error|failed to load/i);
    console.log(`kyverno test: ${passed} passed, ${failed} failed (${expected.length} results in ${kyvernoTestFiles().length} tests)`);
  });

  cli('the served CLI still runs the ClusterPolicy form, and says it is deprecated (kept while it runs)', async () => {
    const { code, stdout, stderr } = await kyverno(['test', 'tests/project-name/denied', '--remove-color'], KYVERNO);
    assert.is(code, 0, stdout + stderr);
    assert.match(stdout + stderr, /kyverno\.io\/v1 ClusterPolicy is deprecated/);
    assert.match(stdout, /│ project-name │ project-name │ iot\.enmasse\.io\/v1alpha1\/IoTProject\/ns1\/Sensors_Building7 │ Pass/);
  });

  cli('a copy of the export whose rules let everything pass fails its tests, in each form', async () => {
    const { dir, cleanup } = tempDir();
    try {
      cpSync(KYVERNO, dir, { recursive: true });
      const edit = (path: string, from: RegExp, to: string) => {
        const text = readFileSync(join(dir, path), 'utf8');
        assert.match(text, from, path);
        writeFileSync(join(dir, path), text.replace(from, to));
      };
      edit('policies/iot-infrastructure-name.yaml', /expression: variables\.problem == ''/, "expression: 'true'");
      edit('cluster-policies/messaging-tenant-name.yaml', /name: default/, 'name: "*"');
      const { code, stdout } = await kyverno(['test', 'tests/', '--remove-color'], dir);
      assert.is(code, 1);
      const { failed } = summary(stdout);
      assert.ok(failed > 0);
      assert.match(stdout, /│ iot-infrastructure-name │\s+│ [^│]+ │ Fail\s+│ Want fail, got pass/);
      assert.match(stdout, /│ messaging-tenant-name │ messaging-tenant-name │ [^│]+ │ Fail\s+│ Want fail, got pass/);
    } finally {
      cleanup();
    }
  });
}

cli.run();
