/**
 * The Kyverno export (policies/build/kyverno) as committed: which policies it has in which form, what each
 * carries from METADATA, and that every kyverno-test.yaml expects check's live verdict on its sample. The real
 * Kyverno CLI runs the tests in test/policy/kyverno-cli.test.ts and compares verdicts in kyverno-parity.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { policyCatalog } from '../../plugin/policy/catalog';
import type { ClusterPolicy, KyvernoTest, ValidatingPolicy } from '../../scripts/kyverno-types';
import { NOT_EXPRESSIBLE } from '../../scripts/export-kyverno-rules';
import { KYVERNO, kyvernoTestFiles } from '../helpers/kyverno';
import { checkVerdicts } from '../helpers/verdicts';

const read = <T>(path: string) => parse(readFileSync(join(KYVERNO, path), 'utf8')) as T;
const expressed = policyCatalog().map((p) => p.id).filter((id) => !(id in NOT_EXPRESSIBLE)).sort();

const kyverno = suite('Kyverno export (policies/build/kyverno): ValidatingPolicy, ClusterPolicy and kyverno-test.yaml');

kyverno('every policy Kyverno can express is exported in both forms, the others are explained in the README', () => {
  assert.equal(expressed, ['iot-infrastructure-device-registry', 'iot-infrastructure-name', 'messaging-tenant-name',
    'project-managed-strategy-only', 'project-name']);
  for (const folder of ['policies', 'cluster-policies']) {
    assert.equal(readdirSync(join(KYVERNO, folder)).sort(), expressed.map((id) => `${id}.yaml`), folder);
  }
  const readme = readFileSync(join(KYVERNO, 'README.md'), 'utf8');
  for (const id of Object.keys(NOT_EXPRESSIBLE)) assert.match(readme, new RegExp(`- \`${id}\`: \\w`), `why ${id} is not exported`);
  assert.match(readme, /`policies\/` \| ValidatingPolicy \(`policies\.kyverno\.io\/v1`\) \| 1\.17 or later/);
});

for (const meta of policyCatalog().filter((p) => expressed.includes(p.id))) {
  kyverno(`${meta.id}: both forms carry METADATA's name, title and severity`, () => {
    const validating = read<ValidatingPolicy>(`policies/${meta.id}.yaml`);
    assert.equal([validating.apiVersion, validating.kind], ['policies.kyverno.io/v1', 'ValidatingPolicy']);
    assert.is(validating.metadata.name, meta.id);
    assert.is(validating.metadata.annotations?.['policies.kyverno.io/title'], meta.title);
    assert.equal(validating.spec.validationActions, meta.severity === 'error' ? ['Deny'] : ['Audit', 'Warn']);
    assert.is(validating.spec.validations[0].messageExpression, 'variables.problem');
    const cluster = read<ClusterPolicy>(`cluster-policies/${meta.id}.yaml`);
    assert.equal([cluster.apiVersion, cluster.kind, cluster.metadata.name], ['kyverno.io/v1', 'ClusterPolicy', meta.id]);
    assert.is(cluster.spec.rules[0].validate.message, `${meta.title}: ${meta.description}`);
    assert.is(cluster.spec.rules[0].validate.failureAction, meta.severity === 'error' ? 'Enforce' : 'Audit');
  });
}

for (const file of kyvernoTestFiles()) {
  kyverno(`${file} expects of both forms check's verdict for every object of the sample`, () => {
    const test = read<KyvernoTest>(file);
    const dir = dirname(file);
    for (const path of [...test.policies, ...test.resources]) assert.ok(existsSync(join(KYVERNO, dir, path)), path);
    const [, id, sample] = dir.split('/');
    const resources = parseAllDocuments(readFileSync(join(KYVERNO, dir, test.resources[0]), 'utf8')).map((d) => d.toJSON());
    const names = (r: { metadata: { namespace?: string; name: string } }) => (r.metadata.namespace ? `${r.metadata.namespace}/${r.metadata.name}` : r.metadata.name);
    const failing = [...new Set(checkVerdicts([join('policies', id, 'samples', `${sample}.yaml`)])
      .filter((v) => v.startsWith(`${id} `)).map((v) => v.split(' ').slice(2, 4).join(' ').replace(/:$/, '')))].sort();
    for (const form of [true, false]) {
      const results = test.results.filter((r) => (r.isValidatingPolicy === true) === form);
      // Every object once, under its own kind; a ValidatingPolicy result has no rule, a ClusterPolicy one names its rule.
      assert.equal(results.flatMap((r) => r.resources.map((n) => `${r.kind} ${n}`)).sort(), resources.map((r) => `${r.kind} ${names(r)}`).sort());
      for (const r of results) assert.equal([r.policy, r.rule], [id, form ? undefined : id]);
      assert.equal(results.filter((r) => r.result === 'fail').flatMap((r) => r.resources.map((n) => `${r.kind} ${n}`)).sort(), failing);
    }
  });
}

kyverno.run();
