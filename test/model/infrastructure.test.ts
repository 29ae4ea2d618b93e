import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  buildInfrastructure,
  buildIoTConfig,
  buildMessagingInfrastructure,
  jdbcPasswordPatch,
} from '../../plugin/model/infrastructure';
import { registrySchemaSql } from '../../plugin/model/schema';
import { Any, findKind, kindsAndNames } from '../helpers/objects';

const NS = 'enmasse-infra';
/** JSON merge patch (RFC 7386), enough for objects. */
function mergePatch(target: Any, patch: Any): Any {
  const result: Any = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    result[key] = value && typeof value === 'object' ? mergePatch(target[key] ?? {}, value) : value;
  }
  return result;
}

const iotConfig = suite('buildIoTConfig');

iotConfig('makes the IoTConfig default bound to the named MessagingInfrastructure', () => {
  const config = buildIoTConfig({ namespace: NS, messagingInfrastructure: 'infra', registry: { kind: 'postgresql' } });
  assert.equal([config.apiVersion, config.kind, config.metadata.name, config.metadata.namespace], [
    'iot.enmasse.io/v1alpha1', 'IoTConfig', 'default', NS,
  ]);
  assert.is(config.spec?.messagingInfrastructureRef, 'infra');
  assert.equal(config.metadata.labels, { 'app.kubernetes.io/managed-by': 'kubectl-iot' });
});

iotConfig('points registry and device connection at the deployed PostgreSQL Service, without a password', () => {
  const registry = { kind: 'postgresql' } as const;
  const config = buildIoTConfig({ namespace: NS, messagingInfrastructure: 'default', registry });
  const connection = { url: 'jdbc:postgresql://postgresql:5432/device-registry', username: 'registry' };
  assert.equal(config.spec?.services, {
    deviceConnection: { jdbc: { server: { external: connection } } },
    deviceRegistry: { jdbc: { server: { external: { management: { connection } } } } },
  });
});

iotConfig('follows a renamed PostgreSQL and its database, and carries a given password in plain text', () => {
  const registry = { kind: 'postgresql', name: 'pg', database: 'hono', username: 'hono', password: 'pw' } as const;
  const config = buildIoTConfig({ namespace: NS, messagingInfrastructure: 'default', registry }) as Any;
  assert.equal(config.spec.services.deviceRegistry.jdbc.server.external.management.connection, {
    url: 'jdbc:postgresql://pg:5432/hono', username: 'hono', password: 'pw',
  });
  assert.is(config.spec.services.deviceConnection.jdbc.server.external.password, 'pw');
});

iotConfig('uses an external JDBC server as given', () => {
  const url = 'jdbc:postgresql://db.example.com/reg';
  const registry = { kind: 'external', url, username: 'u', password: 'p' } as const;
  const config = buildIoTConfig({ namespace: NS, messagingInfrastructure: 'default', registry }) as Any;
  const connection = { url: 'jdbc:postgresql://db.example.com/reg', username: 'u', password: 'p' };
  assert.equal(config.spec.services.deviceRegistry.jdbc.server.external.management.connection, connection);
  assert.equal(config.spec.services.deviceConnection.jdbc.server.external, connection);
});

iotConfig('jdbcPasswordPatch sets the password exactly where buildIoTConfig would', () => {
  const options = { namespace: NS, messagingInfrastructure: 'default' };
  const withoutPassword = buildIoTConfig({ ...options, registry: { kind: 'postgresql' } });
  const withPassword = buildIoTConfig({ ...options, registry: { kind: 'postgresql', password: 'pw' } });
  assert.equal(mergePatch(withoutPassword, jdbcPasswordPatch('pw')), withPassword);
});

iotConfig.run();

const messaging = suite('buildMessagingInfrastructure');

messaging('makes a MessagingInfrastructure without selector, serving every namespace', () => {
  assert.equal(buildMessagingInfrastructure(NS, 'default'), {
    apiVersion: 'enmasse.io/v1',
    kind: 'MessagingInfrastructure',
    metadata: { name: 'default', namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'kubectl-iot' } },
    spec: {},
  });
});

messaging.run();

const infrastructure = suite('buildInfrastructure');

infrastructure('with an external registry makes only the IoTConfig (and the MessagingInfrastructure if asked)', () => {
  const registry = { kind: 'external', url: 'jdbc:postgresql://db/reg' } as const;
  const options = { namespace: NS, messagingInfrastructure: 'default', registry };
  assert.equal(kindsAndNames(buildInfrastructure(options, 'SQL')), ['IoTConfig/default']);
  assert.equal(kindsAndNames(buildInfrastructure({ ...options, createMessagingInfrastructure: true }, 'SQL')), [
    'MessagingInfrastructure/default', 'IoTConfig/default',
  ]);
});

infrastructure('with PostgreSQL adds the database, whose Service the IoTConfig URL names', () => {
  const registry = { kind: 'postgresql', name: 'registry-db', password: 'pw' } as const;
  const objects = buildInfrastructure({ namespace: NS, messagingInfrastructure: 'default', registry }, 'SQL');
  assert.equal(kindsAndNames(objects), [
    'IoTConfig/default', 'Secret/registry-db-credentials', 'PersistentVolumeClaim/registry-db',
    'Deployment/registry-db', 'Service/registry-db', 'ConfigMap/registry-db-schema', 'Job/registry-db-schema',
  ]);
  const { external } = findKind(objects, 'IoTConfig').spec.services.deviceRegistry.jdbc.server;
  const url = external.management.connection.url;
  assert.is(url, `jdbc:postgresql://${findKind(objects, 'Service').metadata.name}:5432/device-registry`);
});

infrastructure.run();

const schema = suite('registrySchemaSql');

schema('reads the shipped schema, which only ever creates if not exists', () => {
  const sql = registrySchemaSql();
  const statements = sql.replace(/--.*$/gm, '');
  assert.match(sql, /CREATE TABLE IF NOT EXISTS tenants \(/);
  const creates = statements.match(/\bCREATE\b/g) ?? [];
  assert.is((statements.match(/\bCREATE (TABLE|INDEX) IF NOT EXISTS\b/g) ?? []).length, creates.length);
  assert.is((statements.match(/CREATE TABLE IF NOT EXISTS/g) ?? []).length, 6);
});

schema.run();
