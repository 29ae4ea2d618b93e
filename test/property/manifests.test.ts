/** Properties of the builders (plugin/model): every generated object of a CRD kind passes that CRD's schema. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { serialize } from '../../plugin/commands/create/emit';
import { parseManifests } from '../../plugin/gitops/parse';
import {
  buildInfrastructure, buildIoTConfig, buildMessagingInfrastructure, type RegistryOptions,
} from '../../plugin/model/infrastructure';
import type { KubeObject } from '../../plugin/model/kinds';
import { buildProject, buildTenant } from '../../plugin/model/manifests';
import { crdByKind, validate } from '../helpers/crd-schema';
import { dnsLabel, dnsSubdomain, freeText, jdbcUrl, PARAMS } from '../helpers/arbitraries';

/** The CRDs an object must pass: its own kind's, and the later name's that shares the schema. */
const ALSO_AS: Record<string, string[]> = {
  IoTProject: ['IoTTenant'], MessagingTenant: ['MessagingProject'], IoTConfig: ['IoTInfrastructure'],
};

/** Asserts that every object of a kind with a CRD validates against it (and its alias); returns how many did. */
function allValid(objects: KubeObject[]): number {
  let checked = 0;
  for (const object of objects) {
    if (!crdByKind.has(object.kind)) continue;
    for (const kind of [object.kind, ...(ALSO_AS[object.kind] ?? [])]) {
      assert.equal(validate(kind, object), [], `${object.kind} ${object.metadata.name} against the ${kind} CRD`);
      checked++;
    }
  }
  return checked;
}

/**
 * Printed (YAML and JSON, as `create` prints them) and read back, the objects of CRD kinds are the same and still
 * valid: names and free text YAML would read as numbers, booleans or null stay strings.
 */
function roundTrips(all: KubeObject[]): void {
  const objects = all.filter((o) => crdByKind.has(o.kind));
  const plain = JSON.parse(JSON.stringify(objects));
  for (const format of ['yaml', 'json'] as const) {
    const read = parseManifests(serialize(objects, format), `objects.${format}`).map((p) => p.object);
    assert.equal(read, plain, `read back from ${format}`);
    allValid(read);
  }
}

const registry: fc.Arbitrary<RegistryOptions> = fc.oneof(
  fc.record({
    kind: fc.constant('postgresql' as const),
    name: dnsLabel(),
    database: freeText(),
    username: freeText(),
    password: freeText(),
    storage: fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('Mi', 'Gi', 'Ti', 'G', '')).map(([n, u]) => `${n}${u}`),
  }, { requiredKeys: ['kind'], noNullPrototype: true }),
  fc.record({
    kind: fc.constant('external' as const),
    url: jdbcUrl(),
    username: freeText(),
    password: freeText(),
  }, { requiredKeys: ['kind', 'url'], noNullPrototype: true }),
);

const infrastructureOptions = fc.record({
  namespace: dnsLabel(),
  messagingInfrastructure: dnsSubdomain(),
  registry,
  createMessagingInfrastructure: fc.boolean(),
});

const manifests = suite('property: generated manifests pass the CRD schemas in kustomize/crds');

manifests('buildProject, for any namespace and project name', () => {
  fc.assert(fc.property(dnsLabel(), dnsSubdomain(), (ns, name) => {
    const project = buildProject(ns, name);
    assert.equal([project.metadata.namespace, project.metadata.name], [ns, name]);
    assert.is(allValid([project]), 2);
    roundTrips([project]);
  }), PARAMS);
});

manifests('buildTenant, without a reference, with a name, and with a name and namespace', () => {
  const ref = fc.option(fc.record({ name: dnsSubdomain(), namespace: dnsLabel() }, { requiredKeys: ['name'], noNullPrototype: true }), { nil: undefined });
  fc.assert(fc.property(dnsLabel(), ref, (ns, infrastructure) => {
    const tenant = buildTenant(ns, infrastructure);
    assert.is(tenant.metadata.name, 'default');
    assert.equal(tenant.spec?.messagingInfrastructureRef, infrastructure);
    assert.is(allValid([tenant]), 2);
    roundTrips([tenant]);
  }), PARAMS);
});

manifests('buildInfrastructure: PostgreSQL or external JDBC, with and without the MessagingInfrastructure', () => {
  fc.assert(fc.property(infrastructureOptions, fc.string({ maxLength: 200 }), (options, sql) => {
    const objects = buildInfrastructure(options, sql);
    const kinds = objects.map((o) => o.kind);
    assert.is(kinds.includes('MessagingInfrastructure'), options.createMessagingInfrastructure);
    assert.is(kinds.filter((k) => k === 'IoTConfig').length, 1);
    assert.is(kinds.includes('Deployment'), options.registry.kind === 'postgresql');
    assert.ok(objects.every((o) => o.metadata.namespace === options.namespace));
    assert.is(allValid(objects), options.createMessagingInfrastructure ? 3 : 2);
    roundTrips(objects);
  }), PARAMS);
});

manifests('buildIoTConfig and buildMessagingInfrastructure on their own', () => {
  fc.assert(fc.property(infrastructureOptions, (options) => {
    const config = buildIoTConfig(options);
    const infra = buildMessagingInfrastructure(options.namespace, options.messagingInfrastructure);
    assert.is(config.spec?.messagingInfrastructureRef, infra.metadata.name);
    assert.is(allValid([config, infra]), 3);
  }), PARAMS);
});

manifests.run();
