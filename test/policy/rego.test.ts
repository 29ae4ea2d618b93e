import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTools } from '../helpers/ci';

// The same sources scripts/build-policies.sh tests: YAML samples and JSON files would otherwise load as data.
const SOURCES = ['policies', '--ignore', 'samples', '--ignore', 'build', '--ignore', 'capabilities.json', '--ignore', '*.md'];

interface RegoTest {
  package: string;
  name: string;
  fail?: boolean;
  error?: unknown;
  skip?: boolean;
}

const opaFound = spawnSync('opa', ['version'], { stdio: 'ignore' }).status === 0;
const rego = suite('Rego tests (opa test policies)');

let run: { status: number | null; results: RegoTest[]; stderr: string } | undefined;
/** One `opa test` run shared by the tests below. */
function opaTest() {
  if (run) return run;
  const child = spawnSync('opa', ['test', ...SOURCES, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  run = { status: child.status, results: JSON.parse(child.stdout || '[]') as RegoTest[], stderr: child.stderr };
  return run;
}

if (requireTools(rego, 'every Rego test passes', opaFound ? [] : ['opa'], 'scripts/install-tools.sh opa')) {
  rego('every Rego test passes', () => {
    const { status, results, stderr } = opaTest();
    const failed = results.filter((t) => t.fail || t.error).map((t) => `${t.package}.${t.name}`);
    assert.equal(failed, [], `failing Rego tests:\n${stderr.trim()}`);
    assert.is(status, 0, stderr);
    assert.ok(results.length >= 100, `only ${results.length} Rego tests ran`);
  });

  rego('every policy has allowed and denied tests', () => {
    const names = opaTest().results.filter((t) => t.package.endsWith('_test"]'));
    const byPolicy = new Map<string, string[]>();
    for (const t of names) {
      const id = /\["(.+)_test"\]$/.exec(t.package)![1];
      byPolicy.set(id, [...(byPolicy.get(id) ?? []), t.name]);
    }
    assert.is(byPolicy.size, 11);
    for (const [id, tests] of byPolicy) {
      assert.ok(tests.some((n) => n.startsWith('test_allowed_')), `${id} has a test_allowed_ test`);
      assert.ok(tests.some((n) => n.startsWith('test_denied_')), `${id} has a test_denied_ test`);
      assert.ok(tests.every((n) => /^test_(allowed|denied)_/.test(n)), `${id}: tests are named test_allowed_/test_denied_`);
    }
  });
}

rego.run();
