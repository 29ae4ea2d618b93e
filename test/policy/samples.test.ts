import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies, type PolicyEngine } from '../../plugin/policy/engine';
import { verdict } from '../helpers/verdicts';

const POLICIES = 'policies';
const ids = readdirSync(POLICIES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !['lib', 'main', 'build'].includes(e.name))
  .map((e) => e.name);

/**
 * The findings of its policy a sample expects, written by hand in the sample as comment lines
 * `# expect: <policy> <severity> <Kind> <namespace>/<name>: <message>` (the sample's other policies are not its subject).
 */
function expectations(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('# expect: '))
    .map((line) => line.slice('# expect: '.length).trimEnd()).sort();
}

function documents(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJSON() as KubeObject).filter(Boolean);
}

let engine: PolicyEngine;
const samples = suite('policy samples, evaluated by the WebAssembly module');

samples.before(async () => {
  engine = await loadPolicies();
});

samples('there is a samples folder for each of the 11 policies', () => {
  assert.is(ids.length, 11);
});

for (const id of ids) {
  const dir = join(POLICIES, id, 'samples');
  for (const file of readdirSync(dir).sort()) {
    const allowed = file.startsWith('allowed');
    samples(`${id}: ${file} ${allowed ? 'passes the policy' : 'gives exactly the findings its # expect: lines name'}`, () => {
      const resources = documents(join(dir, file));
      const found = engine.evaluate({ parameters: { infraNamespace: 'enmasse-infra' }, resources })
        .findings.filter((f) => f.policy === id).map((f) => verdict(f.policy, f.severity, f.resource, f.message)).sort();
      const expected = expectations(join(dir, file));
      if (allowed) assert.equal(expected, [], 'an allowed sample expects nothing');
      else assert.ok(expected.length > 0, `${file} names its expected findings in # expect: lines`);
      assert.equal(found, expected);
    });
  }
}

samples.run();
