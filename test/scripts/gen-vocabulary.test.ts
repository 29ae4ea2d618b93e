import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NAME_RULES_FILE, nameRulesRego, VOCABULARY_FILE, vocabularyRego } from '../../scripts/gen-vocabulary';
import { invalidSubdomain, invalidTenantName, SUBDOMAIN_RULE } from '../../plugin/model/names';
import { aliasNames, API_VERSION, DEFAULT_INFRA_NAMESPACE } from '../../plugin/model/kinds';
import { INVENTORY } from '../../plugin/cluster/resources';
import { ROOT } from '../helpers/cli';

test('the pack\'s vocabulary (model.rego) is what plugin/model/kinds.ts generates (npm run generate)', () => {
  assert.is(readFileSync(join(ROOT, VOCABULARY_FILE), 'utf8'), vocabularyRego());
});

test('the pack\'s name rules (policies/lib/project/model.rego) are what plugin/model/names.ts generates', () => {
  assert.is(readFileSync(join(ROOT, NAME_RULES_FILE), 'utf8'), nameRulesRego());
});

test('create refuses a name with the words check reports it with (the project-name samples\' expectations)', () => {
  const samples = ['denied.yaml', 'denied-long-tenant.yaml'].map((f) => join(ROOT, 'policies', 'project-name', 'samples', f));
  const expected = samples.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8')).join('\n');
  assert.is(invalidSubdomain('Bad_Name'), `must be ${SUBDOMAIN_RULE}`);
  assert.ok(expected.includes(`metadata.name must be ${SUBDOMAIN_RULE}`), 'the sample expects the same words');
  assert.match(invalidTenantName(`${'a'.repeat(63)}.${'b'.repeat(193)}`) ?? '',
    /^its tenant name <namespace>.<name> has 257 characters, at most 256 are allowed \(the JDBC device registry stores it in VARCHAR\(256\)\)$/);
});

test('the generated Rego names every kind, every later name and the infrastructure namespace', () => {
  const rego = vocabularyRego();
  for (const kind of Object.keys(API_VERSION).filter((k) => k !== 'Namespace')) assert.ok(rego.includes(`"${kind}": "`), kind);
  for (const alias of aliasNames()) assert.ok(rego.includes(`"${alias.kind}": {"${alias.apiVersion}": "${alias.canonical}"}`), alias.kind);
  assert.ok(rego.includes(`default_infra_namespace := "${DEFAULT_INFRA_NAMESPACE}"`));
});

test('the API server is asked for every kind and every later name, each under its served plural', () => {
  const listed = INVENTORY.map((r) => `${r.apiVersion} ${r.kind} ${r.plural}`);
  assert.ok(listed.includes('enmasse.io/v1 MessagingAddress messagingaddresses'));
  for (const alias of aliasNames()) assert.ok(listed.includes(`${alias.apiVersion} ${alias.kind} ${alias.kind.toLowerCase()}s`), alias.kind);
  assert.is(new Set(listed).size, listed.length);
});

test.run();
