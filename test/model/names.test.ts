import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  adapterAddresses, invalidLabel, invalidSubdomain, invalidTenantName, managedAddresses, tenantName,
} from '../../plugin/model/names';
import { canonicalKind } from '../../plugin/model/kinds';

const names = suite('model/names');

names('the tenant name is <namespace>.<name>', () => {
  assert.is(tenantName('ns1', 'iot1'), 'ns1.iot1');
});

names('a project manages telemetry, event, command and command_response addresses for its tenant', () => {
  assert.equal(managedAddresses('ns1', 'iot1'),
    ['telemetry/ns1.iot1', 'event/ns1.iot1', 'command/ns1.iot1', 'command_response/ns1.iot1']);
});

names('protocol adapters prefix the addresses with the namespace (the vhost)', () => {
  assert.equal(adapterAddresses('ns1', 'iot1')[0], 'ns1/telemetry/ns1.iot1');
  assert.equal(adapterAddresses('ns1', 'iot1')[3], 'ns1/command_response/ns1.iot1');
});

names('DNS-1123 subdomains accept dots and dashes and reject the rest', () => {
  for (const ok of ['iot1', 'a.b-c', 'a', '0x', 'a'.repeat(253)]) assert.is(invalidSubdomain(ok), undefined, ok);
  for (const bad of ['Iot1', 'a_b', '', '-a', 'a-', 'a/b', '../etc', 'a..b', 'a'.repeat(254)]) {
    assert.type(invalidSubdomain(bad), 'string', bad);
  }
});

names('namespaces must be DNS-1123 labels of at most 63 characters', () => {
  assert.is(invalidLabel('ns-1'), undefined);
  for (const bad of ['ns.1', 'NS', 'a'.repeat(64), '']) assert.type(invalidLabel(bad), 'string', bad);
});

names('tenant names follow the Hono pattern and the 256-character limit', () => {
  assert.is(invalidTenantName('ns1.iot1'), undefined);
  assert.is(invalidTenantName(`${'a'.repeat(63)}.${'b'.repeat(192)}`), undefined);
  assert.match(invalidTenantName(`${'a'.repeat(63)}.${'b'.repeat(193)}`) ?? '', /257 characters, at most 256/);
  assert.match(invalidTenantName('ns1.io t') ?? '', /must match/);
});

names('later kind names are the same kinds', () => {
  assert.is(canonicalKind('enmasse.io/v1', 'MessagingProject'), 'MessagingTenant');
  assert.is(canonicalKind('iot.enmasse.io/v1', 'IoTInfrastructure'), 'IoTConfig');
  assert.is(canonicalKind('iot.enmasse.io/v1', 'IoTTenant'), 'IoTProject');
  assert.is(canonicalKind('iot.enmasse.io/v1alpha1', 'IoTProject'), 'IoTProject');
  assert.is(canonicalKind('v1', 'Namespace'), 'Namespace');
});

names('kinds of other groups are not part of the model', () => {
  assert.is(canonicalKind('example.com/v1', 'IoTProject'), undefined);
  assert.is(canonicalKind('apps/v1', 'Deployment'), undefined);
  assert.is(canonicalKind(undefined, 'IoTProject'), undefined);
});

names.run();
