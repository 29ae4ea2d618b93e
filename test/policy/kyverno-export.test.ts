import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { policyCatalog } from '../../plugin/policy/catalog';
import { ROOT } from '../helpers/cli';
import { asClusterPolicy, asKyvernoTest, clusterPolicyProblems, kyvernoTestProblems } from '../helpers/kyverno-shape';
import { checkVerdicts } from '../helpers/verdicts';

const KYVERNO = join(ROOT, 'policies', 'build', 'kyverno');
const policyFiles = readdirSync(join(KYVERNO, 'policies')).sort();
const testFiles = readdirSync(join(KYVERNO, 'tests')).sort()
  .flatMap((id) => readdirSync(join(KYVERNO, 'tests', id)).sort().map((sample) => join('tests', id, sample, 'kyverno-test.yaml')));
const read = (path: string) => parse(readFileSync(join(KYVERNO, path), 'utf8')) as unknown;

const kyverno = suite('Kyverno export (policies/build/kyverno): ClusterPolicy and kyverno-test.yaml typings');

kyverno('the policies Kyverno can express on one object are exported, the others are explained', () => {
  assert.equal(policyFiles, ['iot-infrastructure-device-registry.yaml', 'iot-infrastructure-name.yaml',
    'messaging-tenant-name.yaml', 'project-managed-strategy-only.yaml', 'project-name.yaml']);
  const readme = readFileSync(join(KYVERNO, 'README.md'), 'utf8');
  for (const { id } of policyCatalog()) {
    if (!policyFiles.includes(`${id}.yaml`)) assert.match(readme, new RegExp(`- \`${id}\`: \\w`), `why ${id} is not exported`);
  }
});

for (const file of policyFiles) {
  kyverno(`policies/${file} is a ClusterPolicy with its METADATA`, () => {
    assert.equal(clusterPolicyProblems(read(join('policies', file))), []);
    const policy = asClusterPolicy(read(join('policies', file)));
    const meta = policyCatalog().find((p) => `${p.id}.yaml` === file);
    assert.ok(meta);
    assert.is(policy.metadata.name, meta.id);
    assert.is(policy.metadata.annotations?.['policies.kyverno.io/title'], meta.title);
    assert.is(policy.spec.rules[0].validate.message, `${meta.title}: ${meta.description}`);
    assert.is(policy.spec.rules[0].validate.failureAction, meta.severity === 'error' ? 'Enforce' : 'Audit');
  });
}

kyverno('JMESPath regular expressions in deny conditions compile', () => {
  const policy = asClusterPolicy(read('policies/project-name.yaml'));
  const keys = (policy.spec.rules[0].validate.deny?.conditions.any ?? []).map((c) => String(c.key));
  const patterns = keys.flatMap((k) => [...k.matchAll(/regex_match\('([^']*)'/g)].map((m) => m[1]));
  assert.is(patterns.length, 2);
  for (const pattern of patterns) assert.not.throws(() => new RegExp(pattern));
  assert.ok(new RegExp(patterns[0]).test('sensors.building-7'));
  assert.not.ok(new RegExp(patterns[0]).test('Sensors_Building7'));
});

for (const file of testFiles) {
  kyverno(`${file} is a kyverno test expecting check's verdict for every object of the sample`, () => {
    assert.equal(kyvernoTestProblems(read(file)), []);
    const test = asKyvernoTest(read(file));
    const dir = dirname(file);
    for (const path of [...test.policies, ...test.resources]) assert.ok(existsSync(join(KYVERNO, dir, path)), path);
    const policy = asClusterPolicy(read(join(dir, test.policies[0])));
    const resources = parseAllDocuments(readFileSync(join(KYVERNO, dir, test.resources[0]), 'utf8')).map((d) => d.toJSON());
    const names = (r: { metadata: { namespace?: string; name: string } }) => (r.metadata.namespace ? `${r.metadata.namespace}/${r.metadata.name}` : r.metadata.name);
    // Every object is expected once, under its own kind and the policy's one rule.
    assert.equal(test.results.flatMap((r) => r.resources.map((n) => `${r.kind} ${n}`)).sort(), resources.map((r) => `${r.kind} ${names(r)}`).sort());
    for (const result of test.results) assert.equal([result.policy, result.rule], [policy.metadata.name, policy.spec.rules[0].name]);
    const failing = checkVerdicts([join('policies', policy.metadata.name, 'samples', `${dir.split('/')[2]}.yaml`)])
      .filter((v) => v.startsWith(`${policy.metadata.name} `)).map((v) => v.split(' ').slice(2, 4).join(' ').replace(/:$/, ''));
    const expectedFail = test.results.filter((r) => r.result === 'fail').flatMap((r) => r.resources.map((n) => `${r.kind} ${n}`));
    assert.equal([...new Set(failing)].sort(), expectedFail.sort());
  });
}

kyverno('the shape checks reject what Kyverno would reject', () => {
  const policy = read('policies/project-name.yaml') as { spec: { rules: { validate: Record<string, unknown> }[] } };
  policy.spec.rules[0].validate.failureAction = 'enforce';
  policy.spec.rules[0].validate.pattern = { metadata: { name: 'x' } };
  assert.equal(clusterPolicyProblems(policy), [
    'spec.rules[0]: failureAction enforce',
    'spec.rules[0]: validate needs exactly one of pattern and deny',
  ]);
  const test = read(testFiles[0]) as { results: Record<string, unknown>[] };
  test.results[0].result = 'failed';
  assert.equal(kyvernoTestProblems(test), ['results[0]: result failed']);
});

kyverno.run();
