/**
 * The pack matches each distinct project name and namespace once (policies/lib/project `invalid`), not each
 * project, and words each invalid one with its patterns (project-name's problem). Through the real module, on
 * random names and namespaces: a project gets the project-name finding exactly when plugin/model/names.ts refuses
 * its name or tenant name, and every such finding has its words (a project the first called invalid and the
 * second found no words for would have no finding at all).
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { invalidSubdomain, invalidTenantName, tenantName } from '../../plugin/model/names';
import { loadPolicies, type PolicyEngine } from '../../plugin/policy/engine';
import { dnsLabel, nameCandidate, PARAMS, SEED } from '../helpers/arbitraries';

const test = suite('policy: which project names are invalid');

let engine: PolicyEngine;
test.before(async () => {
  engine = await loadPolicies();
});

const project = (namespace: string, name: string): KubeObject =>
  ({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name, namespace } });

const invalid = (namespace: string, name: string) =>
  invalidSubdomain(name) !== undefined || invalidTenantName(tenantName(namespace, name)) !== undefined;

/** The message of the project-name finding of each project (by its position in `pairs`) the module flags. */
function projectNameFindings(pairs: readonly (readonly [string, string])[]): Map<number, string> {
  const resources = pairs.map(([namespace, name]) => project(namespace, name));
  const { findings } = engine.evaluate({ parameters: { infraNamespace: 'enmasse-infra' }, resources });
  return new Map(findings.filter((finding) => finding.policy === 'project-name').map((finding) => [finding.index, finding.message]));
}

// A lone surrogate never reaches the module: the reader refuses it (test/property/check.test.ts).
const unicode = (text: string) => !/\p{Cs}/u.test(text);
const nameOf = nameCandidate().filter(unicode);
const namespaceCandidate = fc.oneof(dnsLabel(), dnsLabel(), nameOf.filter((ns) => ns !== ''));

test('a project has the project-name finding, with its words, exactly when names.ts refuses its name', () => {
  // One evaluation holds many projects: the module is what is tested, and its start-up is not.
  fc.assert(fc.property(fc.uniqueArray(fc.tuple(namespaceCandidate, nameOf), {
    minLength: 1, maxLength: 60, selector: ([namespace, name]) => `${namespace}\u0000${name}`,
  }), (pairs) => {
    const flagged = projectNameFindings(pairs);
    pairs.forEach(([namespace, name], index) => {
      const expected = invalid(namespace, name);
      assert.is(flagged.has(index), expected, `${JSON.stringify(namespace)}/${JSON.stringify(name)}: invalid ${expected}`);
      if (expected) assert.ok((flagged.get(index) ?? '').length > 0);
    });
  }), { ...PARAMS, numRuns: 200, seed: SEED });
});

test('the edges of the patterns: labels, dashes, dots, case, underscores, non-ASCII, lengths', () => {
  const names = ['a', 'a-b', 'a.b', 'a-', '-a', 'a.-b', 'a-.b', 'a..b', '.a', 'a.', 'A', 'a_b', 'ä', 'a\n', '0', '-',
    '.', 'a'.repeat(253), 'a'.repeat(254), `${'a'.repeat(63)}.${'b'.repeat(63)}`];
  const namespaces = ['ns', 'my_ns', 'Ns', 'n'.repeat(2), 'n'.repeat(250), 'ns\u00e9'];
  const pairs = namespaces.flatMap((ns) => names.map((name) => [ns, name] as const));
  const flagged = projectNameFindings(pairs);
  const wrong = pairs.filter(([ns, name], i) => flagged.has(i) !== invalid(ns, name));
  assert.equal(wrong, []);
  assert.ok(flagged.size > 0 && flagged.size < pairs.length);
});

test.run();
