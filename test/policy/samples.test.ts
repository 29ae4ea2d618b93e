import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies, type PolicyEngine } from '../../plugin/policy/engine';

const POLICIES = 'policies';
const ids = readdirSync(POLICIES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !['lib', 'main', 'build'].includes(e.name))
  .map((e) => e.name);

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
    samples(`${id}: ${file} ${allowed ? 'passes' : 'fails'} the policy`, () => {
      const resources = documents(join(dir, file));
      const found = engine.evaluate({ parameters: { infraNamespace: 'enmasse-infra' }, resources })
        .findings.filter((f) => f.policy === id);
      if (allowed) assert.equal(found, []);
      else assert.ok(found.length > 0, `a ${id} finding for ${file}`);
    });
  }
}

samples.run();
