import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadPolicies } from '../../plugin/policy/engine';
import { requireTools } from '../helpers/ci';
import { tempDir } from '../helpers/tmp';
import { edgeInputs, randomInventory } from './inventories';

// `opa test` runs Rego in OPA's interpreter; the plugin runs the wasm build. The two have differed (a wasm-only
// "var assignment conflict"), so random inventories (wrong-named and several IoTConfigs, tenants bound into other
// namespaces, label selectors with and without Namespace objects) and the edge cases (test/policy/inventories.ts)
// go through both and must give the same report.
const differential = suite('policy pack: OPA interpreter and WebAssembly build agree on random inventories');
const opaFound = spawnSync('opa', ['version'], { stdio: 'ignore' }).status === 0;
const CASES = 80;

/** JSON with object keys sorted: OPA's interpreter sorts them, the wasm build keeps insertion order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Orders a report's lists so the comparison does not depend on evaluation order. */
function canonical(report: { projects: unknown[]; findings: unknown[] }): unknown {
  const sort = (items: unknown[]) => items.map(stable).sort();
  return { projects: sort(report.projects), findings: sort(report.findings) };
}

if (requireTools(differential, 'both engines agree', opaFound ? [] : ['opa'], 'scripts/install-tools.sh opa')) {
  differential(`${CASES} seeded inventories give identical reports in both engines`, async () => {
    const cases = [...edgeInputs(), ...Array.from({ length: CASES }, (_, seed) => randomInventory(seed + 1))];
    const tmp = tempDir();
    try {
      writeFileSync(join(tmp.dir, 'cases.json'), JSON.stringify({ differential_cases: cases }));
      const query = '[r | some c in data.differential_cases; r := data.policies.main.report with input as c]';
      const opa = spawnSync('opa', ['eval', '--format', 'json', '-d', join(tmp.dir, 'cases.json'), '-d', 'policies',
        '--ignore', 'samples', '--ignore', 'build', '--ignore', 'capabilities.json', '--ignore', '*.md', '--ignore', '*_test.rego',
        '--ignore', 'testing', query], { encoding: 'utf8', maxBuffer: 256 << 20 });
      assert.is(opa.status, 0, opa.stderr || opa.stdout);
      const expected = JSON.parse(opa.stdout).result[0].expressions[0].value as { projects: unknown[]; findings: unknown[] }[];
      assert.is(expected.length, cases.length);
      const engine = await loadPolicies();
      let findings = 0;
      cases.forEach((input, i) => {
        const actual = engine.evaluate(input as never);
        assert.equal(canonical(actual), canonical(expected[i]), `case ${i} differs`);
        findings += actual.findings.length;
      });
      assert.ok(findings > CASES, `the random inventories should trip policies (${findings} findings)`);
    } finally {
      tmp.cleanup();
    }
  });
}

differential.run();
