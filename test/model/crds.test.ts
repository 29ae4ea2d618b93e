import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildInfrastructure, buildIoTConfig, buildMessagingInfrastructure } from '../../plugin/model/infrastructure';
import { buildProject, buildTenant } from '../../plugin/model/manifests';
import { CRD_DIR, crdByKind, crdFiles, crds, Schema, structuralProblems, valid, validate } from '../helpers/crd-schema';

const test = suite('CRDs in kustomize/crds');

test('there is one CRD per kind and per later name', () => {
  assert.equal([...crdByKind.keys()].sort(), [
    'IoTConfig', 'IoTInfrastructure', 'IoTProject', 'IoTTenant',
    'MessagingAddress', 'MessagingInfrastructure', 'MessagingProject', 'MessagingTenant',
  ]);
  const versions = crds.map((crd) => `${crd.spec.names.kind} ${crd.spec.group}/${crd.spec.versions[0].name}`).sort();
  assert.equal(versions, [
    'IoTConfig iot.enmasse.io/v1alpha1', 'IoTInfrastructure iot.enmasse.io/v1', 'IoTProject iot.enmasse.io/v1alpha1',
    'IoTTenant iot.enmasse.io/v1', 'MessagingAddress enmasse.io/v1', 'MessagingInfrastructure enmasse.io/v1',
    'MessagingProject enmasse.io/v1', 'MessagingTenant enmasse.io/v1',
  ]);
});

test('the kustomization lists every CRD file', () => {
  const kustomization = parse(readFileSync(join(CRD_DIR, 'kustomization.yaml'), 'utf8'));
  assert.equal([...kustomization.resources].sort(), crdFiles);
});

test('every CRD is apiextensions.k8s.io/v1, namespaced, one served storage version, status subresource on', () => {
  for (const crd of crds) {
    assert.is(crd.apiVersion, 'apiextensions.k8s.io/v1');
    assert.is(crd.metadata.name, `${crd.spec.names.plural}.${crd.spec.group}`);
    assert.is(crd.spec.scope, 'Namespaced');
    assert.is(crd.spec.versions.length, 1);
    const [version] = crd.spec.versions;
    assert.ok(version.served && version.storage, crd.metadata.name);
    assert.equal(version.subresources, { status: {} }, crd.metadata.name);
  }
});

test('every CRD prints phase, reason (phaseReason) and age, and the project kinds print the tenant', () => {
  for (const crd of crds) {
    const columns = Object.fromEntries(crd.spec.versions[0].additionalPrinterColumns.map((c: Schema) => [c.name, c]));
    assert.is(columns.Phase?.jsonPath, '.status.phase', crd.metadata.name);
    assert.is(columns.Reason?.jsonPath, '.status.phaseReason', crd.metadata.name);
    assert.equal(columns.Age, {
      name: 'Age', type: 'date', description: 'Age.', jsonPath: '.metadata.creationTimestamp',
    });
  }
  for (const kind of ['IoTProject', 'IoTTenant']) {
    const [first] = crdByKind.get(kind)!.spec.versions[0].additionalPrinterColumns;
    assert.equal([first.name, first.jsonPath], ['Tenant', '.status.tenantName']);
  }
});

test('short names do not clash between CRDs', () => {
  const all = crds.flatMap((crd) => crd.spec.names.shortNames as string[]);
  assert.is(new Set(all).size, all.length);
});

test('every schema is structural: typed nodes, no properties beside additionalProperties, plain oneOf', () => {
  for (const crd of crds) {
    assert.equal(structuralProblems(crd.spec.versions[0].schema.openAPIV3Schema, crd.spec.names.kind), []);
  }
});

test('the status of every kind has phase, phaseReason, tenantName where it applies, message and conditions', () => {
  for (const crd of crds) {
    const status = crd.spec.versions[0].schema.openAPIV3Schema.properties.status.properties;
    for (const field of ['phase', 'phaseReason', 'message']) assert.is(status[field].type, 'string');
    assert.equal(Object.keys(status.conditions.items.properties).sort(), [
      'lastTransitionTime', 'message', 'reason', 'status', 'type',
    ]);
  }
  assert.is(crdByKind.get('IoTProject')!.spec.versions[0].schema.openAPIV3Schema.properties.status.properties
    .tenantName.type, 'string');
});

test('the objects of buildProject and buildTenant validate, under their later names too', () => {
  valid(buildProject('ns1', 'iot1'), ['IoTProject', 'IoTTenant']);
  valid(buildTenant('ns1'), ['MessagingTenant', 'MessagingProject']);
  valid(buildTenant('ns1', { name: 'infra', namespace: 'enmasse-infra' }), ['MessagingTenant', 'MessagingProject']);
});

test('buildIoTConfig validates for a deployed PostgreSQL, with and without password, and an external server', () => {
  const base = { namespace: 'enmasse-infra', messagingInfrastructure: 'default' };
  valid(buildIoTConfig({ ...base, registry: { kind: 'postgresql' } }), ['IoTConfig', 'IoTInfrastructure']);
  valid(buildIoTConfig({ ...base, registry: { kind: 'postgresql', name: 'pg', password: 's3cret' } }));
  const external = { kind: 'external', url: 'jdbc:postgresql://db/r', username: 'u', password: 'p' } as const;
  valid(buildIoTConfig({ ...base, registry: external }));
});

test('buildMessagingInfrastructure and every model object of buildInfrastructure validate', () => {
  valid(buildMessagingInfrastructure('enmasse-infra', 'default'));
  const options = { namespace: 'x', messagingInfrastructure: 'm', createMessagingInfrastructure: true };
  const objects = buildInfrastructure({ ...options, registry: { kind: 'postgresql' } }, 'SELECT 1;');
  for (const object of objects.filter((o) => crdByKind.has(o.kind))) valid(object);
});

test('an IoTConfig in the shape of upstream examples validates (Infinispan registry, adapters, overrides)', () => {
  const external = { host: 'infinispan', port: 11222, username: 'app', password: 'pw', saslRealm: 'ApplicationRealm' };
  valid({
    apiVersion: 'iot.enmasse.io/v1alpha1',
    kind: 'IoTConfig',
    metadata: { name: 'default' },
    spec: {
      enableDefaultRoutes: true,
      imageOverrides: { 'iot-device-registry-infinispan': { name: 'registry:latest' } },
      services: { deviceRegistry: { infinispan: { server: { external } } }, deviceConnection: { infinispan: {} } },
      adapters: { mqtt: { enabled: true, replicas: 1, options: { maxPayloadSize: 2048 } } },
    },
    status: {
      phase: 'Active',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2020-07-01T10:00:00Z' }],
    },
  });
});

test('an IoTProject with a removed downstream strategy validates, so the policy can explain it', () => {
  const downstreamStrategy = { externalStrategy: { host: 'h', port: 5671 } };
  valid({ ...buildProject('ns1', 'iot1'), spec: { downstreamStrategy } });
});

test('a MessagingInfrastructure selecting namespaces by names, labels and expressions validates', () => {
  valid({
    ...buildMessagingInfrastructure('enmasse-infra', 'infra'),
    spec: {
      namespaceSelector: {
        matchNames: ['ns1'],
        matchLabels: { team: 'iot' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }],
      },
    },
  });
});

test('invalid objects fail with the offending field', () => {
  const infra = buildMessagingInfrastructure('enmasse-infra', 'infra');
  assert.equal(validate('MessagingInfrastructure', { ...infra, spec: { namespaceSelector: { matchNames: 'ns1' } } }), [
    '/spec/namespaceSelector/matchNames must be array',
  ]);
  const badOperator = { namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'Equals' }] } };
  const operatorErrors = validate('MessagingInfrastructure', { ...infra, spec: badOperator });
  assert.ok(operatorErrors.some((e) => e.includes('allowed values')));
  const tenant = buildTenant('ns1');
  assert.equal(validate('MessagingTenant', { ...tenant, spec: { messagingInfrastructureRef: { namespace: 'x' } } }), [
    "/spec/messagingInfrastructureRef must have required property 'name'",
  ]);
  const status = { conditions: [{ type: 'HasMessagingTenant', status: 'Maybe' }] };
  assert.ok(validate('IoTProject', { ...buildProject('ns1', 'iot1'), status }).length > 0);
});

test('fields the API server would prune are reported', () => {
  const tenant = buildTenant('ns1');
  const typo = { messagingInfrastructureRef: { name: 'a', nmespace: 'b' } };
  assert.equal(validate('MessagingTenant', { ...tenant, spec: typo }), [
    '/spec/messagingInfrastructureRef must NOT have additional properties',
  ]);
});

test('an IoTConfig device registry needs exactly one of jdbc and infinispan, and jdbc connections need a url', () => {
  const config = buildIoTConfig({ namespace: 'n', messagingInfrastructure: 'm', registry: { kind: 'postgresql' } });
  const withRegistry = (deviceRegistry: unknown) => ({ ...config, spec: { services: { deviceRegistry } } });
  assert.ok(validate('IoTConfig', withRegistry({})).some((e) => e.includes('must match exactly one schema')));
  assert.ok(validate('IoTConfig', withRegistry({ jdbc: {}, infinispan: {} })).some((e) => e.includes('exactly one')));
  const noUrl = { jdbc: { server: { external: { management: { connection: { username: 'u' } } } } } };
  assert.ok(validate('IoTConfig', withRegistry(noUrl)).includes(
    "/spec/services/deviceRegistry/jdbc/server/external/management/connection must have required property 'url'",
  ));
});

test.run();
