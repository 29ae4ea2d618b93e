import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policyCatalog, readCatalog } from '../../plugin/policy/catalog';
import { ROOT } from '../helpers/cli';

const IDS = {
  'iot-infrastructure-device-registry': 'error',
  'iot-infrastructure-messaging-infrastructure': 'error',
  'iot-infrastructure-name': 'error',
  'iot-infrastructure-plaintext-password': 'warning',
  'iot-infrastructure-singleton': 'error',
  'messaging-tenant-name': 'warning',
  'project-address-conflict': 'error',
  'project-managed-strategy-only': 'error',
  'project-name': 'error',
  'project-requires-iot-infrastructure': 'error',
  'project-requires-messaging-tenant': 'error',
};

const catalog = suite('policyCatalog (policies/build/policies.json)');

catalog('lists the 11 policies of SPEC section 3 with their severities, sorted by id', () => {
  assert.equal(Object.fromEntries(policyCatalog().map((p) => [p.id, p.severity])), IDS);
  assert.equal(policyCatalog().map((p) => p.id), Object.keys(IDS));
});

catalog('carries title, description and remediation sentence from the METADATA', () => {
  const tenant = policyCatalog().find((p) => p.id === 'project-requires-messaging-tenant');
  assert.equal(tenant, {
    id: 'project-requires-messaging-tenant',
    title: 'IoT project requires a messaging tenant',
    description: 'An IoTProject needs the MessagingTenant named default in its own namespace. Without it the controller '
      + 'sets HasMessagingTenant=False and phase Failed; the project becomes ready by itself once the tenant exists. '
      + 'A MessagingTenant with another name does not count.',
    severity: 'error',
    // The scope arrives with the build that writes it (scripts/policy-catalog.mjs); before, the file has none.
    ...(tenant?.scope === undefined ? {} : { scope: 'inventory' }),
    condition: 'HasMessagingTenant',
    recovery: 'automatic',
    remediation: 'create the MessagingTenant named default in the project\'s namespace with kubectl iot create tenant '
      + '(each finding names the exact command, with the messaging infrastructure to bind it to when the namespace\'s '
      + 'selectors would not pick the one the IoT infrastructure serves)',
  });
  for (const policy of policyCatalog()) {
    assert.ok(policy.title && policy.description && policy.remediation, policy.id);
  }
});

catalog('names the condition only for the two condition policies', () => {
  assert.equal(policyCatalog().filter((p) => p.condition).map((p) => [p.id, p.condition]), [
    ['project-requires-iot-infrastructure', 'HasMessagingInfrastructure'],
    ['project-requires-messaging-tenant', 'HasMessagingTenant'],
  ]);
});

catalog('is the one reader for the plugin and the exporters: entries keep the file\'s fields in its order', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'policies', 'build', 'policies.json'), 'utf8')) as { policies: object[] };
  const typed = new Set(['id', 'title', 'description', 'severity', 'scope', 'condition', 'recovery', 'remediation',
    'remediations']);
  const known = (entry: object) => JSON.stringify(Object.fromEntries(Object.entries(entry).filter(([k]) => typed.has(k))));
  // Order matters: the Gatekeeper export writes each entry out as a Rego literal.
  assert.equal(policyCatalog().map((p) => JSON.stringify(p)), file.policies.map(known));
  assert.equal(policyCatalog().filter((p) => p.recovery).map((p) => [p.id, p.recovery]), [
    ['project-requires-iot-infrastructure', 'manual'],
    ['project-requires-messaging-tenant', 'automatic'],
  ]);
});

catalog('hands out copies, so a caller cannot change the catalog', () => {
  policyCatalog()[0].title = 'changed';
  assert.is.not(policyCatalog()[0].title, 'changed');
});

catalog('rejects a missing or malformed catalog file with its path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  assert.throws(() => readCatalog(join(dir, 'none.json')), /cannot read the policy catalog .*none\.json/);
  writeFileSync(join(dir, 'list.json'), '[]');
  assert.throws(() => readCatalog(join(dir, 'list.json')), /has no "policies" list/);
  const bad = { id: 'x', title: 't', description: 'd', severity: 'fatal', remediation: 'r' };
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ policies: [bad] }));
  assert.throws(() => readCatalog(join(dir, 'bad.json')), /malformed entry "x"/);
  for (const [field, value] of [['recovery', 'sometimes'], ['scope', 'all'], ['condition', 1], ['remediations', { a: 1 }]] as const) {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ policies: [{ ...bad, severity: 'error', [field]: value }] }));
    assert.throws(() => readCatalog(join(dir, 'bad.json')), /malformed entry "x"/, field);
  }
  const good = { ...bad, severity: 'warning', recovery: 'manual', remediations: { a: 'b' } };
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ policies: [{ ...good, untyped: true }] }));
  assert.equal(readCatalog(join(dir, 'good.json')), [good], 'a field PolicyInfo does not type is left out');
});

catalog.run();
