import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policyCatalog, readCatalog } from '../../plugin/policy/catalog';

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
    condition: 'HasMessagingTenant',
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
});

catalog.run();
