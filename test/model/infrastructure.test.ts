import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  buildInfrastructure,
  buildIoTConfig,
  buildMessagingInfrastructure,
  buildPostgresql,
  buildPostgresqlSecret,
  jdbcPasswordPatch,
} from '../../plugin/model/infrastructure';
import { KubeObject } from '../../plugin/model/kinds';
import { registrySchemaSql } from '../../plugin/model/schema';

type Any = Record<string, any>;
const NS = 'enmasse-infra';
const kindsAndNames = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
const find = (objects: KubeObject[], kind: string): Any => {
  const found = objects.find((o) => o.kind === kind);
  assert.ok(found, `a ${kind}`);
  return found as Any;
};
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

const postgresql = suite('buildPostgresql');

postgresql('makes PVC, Deployment, Service, schema ConfigMap and Job, and no Secret without a password', () => {
  const objects = buildPostgresql({ namespace: NS }, 'SQL');
  assert.equal(kindsAndNames(objects), [
    'PersistentVolumeClaim/postgresql', 'Deployment/postgresql', 'Service/postgresql',
    'ConfigMap/postgresql-schema', 'Job/postgresql-schema',
  ]);
  assert.ok(objects.every((o) => o.metadata.namespace === NS));
});

postgresql('adds the credentials Secret first when a password is given', () => {
  const objects = buildPostgresql({ namespace: NS, password: 'pw' }, 'SQL');
  assert.equal(objects[0], buildPostgresqlSecret(NS, 'pw'));
  assert.equal((objects[0] as Any).stringData, { password: 'pw' });
  assert.is(objects[0].metadata.name, 'postgresql-credentials');
});

postgresql('runs postgres:15 with the password from the Secret, on the claim, replaced rather than rolled', () => {
  const objects = buildPostgresql({ namespace: NS, storage: '5Gi' }, 'SQL');
  const deployment = find(objects, 'Deployment');
  const [container] = deployment.spec.template.spec.containers;
  assert.is(container.image, 'docker.io/library/postgres:15');
  assert.is(deployment.spec.strategy.type, 'Recreate');
  const env = Object.fromEntries(container.env.map((e: Any) => [e.name, e.value ?? e.valueFrom]));
  assert.equal(env.POSTGRES_PASSWORD, { secretKeyRef: { name: 'postgresql-credentials', key: 'password' } });
  assert.equal([env.POSTGRES_DB, env.POSTGRES_USER], ['device-registry', 'registry']);
  assert.ok(container.readinessProbe.exec.command.includes('pg_isready'));
  assert.ok(container.livenessProbe);
  const claim = { name: 'data', persistentVolumeClaim: { claimName: 'postgresql' } };
  assert.equal(deployment.spec.template.spec.volumes, [claim]);
  assert.is(find(objects, 'PersistentVolumeClaim').spec.resources.requests.storage, '5Gi');
});

postgresql('selects the Deployment pods with the Service', () => {
  const objects = buildPostgresql({ namespace: NS }, 'SQL');
  const labels = find(objects, 'Deployment').spec.template.metadata.labels;
  const service = find(objects, 'Service');
  for (const [key, value] of Object.entries(service.spec.selector)) assert.is(labels[key], value);
  assert.equal(find(objects, 'Deployment').spec.selector.matchLabels, service.spec.selector);
  assert.equal(service.spec.ports, [{ name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }]);
});

postgresql('the Job mounts the schema ConfigMap, waits for the server and applies schema.sql once per run', () => {
  const objects = buildPostgresql({ namespace: NS, name: 'pg' }, 'CREATE TABLE IF NOT EXISTS t ();');
  const configMap = find(objects, 'ConfigMap');
  assert.equal(configMap.data, { 'schema.sql': 'CREATE TABLE IF NOT EXISTS t ();' });
  const job = find(objects, 'Job');
  const pod = job.spec.template.spec;
  assert.equal(pod.volumes, [{ name: 'schema', configMap: { name: configMap.metadata.name } }]);
  const [container] = pod.containers;
  assert.equal(container.volumeMounts, [{ name: 'schema', mountPath: '/schema', readOnly: true }]);
  const script = container.command.join(' ');
  assert.match(script, /until pg_isready/);
  assert.match(script, /psql --no-psqlrc -v ON_ERROR_STOP=1 -f \/schema\/schema\.sql/);
  const env = Object.fromEntries(container.env.map((e: Any) => [e.name, e.value ?? e.valueFrom]));
  assert.is(env.PGHOST, 'pg');
  assert.equal(env.PGPASSWORD, { secretKeyRef: { name: 'pg-credentials', key: 'password' } });
  assert.equal([pod.restartPolicy, job.spec.backoffLimit, job.spec.ttlSecondsAfterFinished], ['Never', 4, 86400]);
});

postgresql('lets Argo CD and Flux re-create the Job, whose template is immutable', () => {
  const job = find(buildPostgresql({ namespace: NS }, 'SQL'), 'Job');
  assert.equal(job.metadata.annotations, {
    'argocd.argoproj.io/hook': 'Sync',
    'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    'kustomize.toolkit.fluxcd.io/force': 'Enabled',
  });
});

postgresql.run();

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
  const url = find(objects, 'IoTConfig').spec.services.deviceRegistry.jdbc.server.external.management.connection.url;
  assert.is(url, `jdbc:postgresql://${find(objects, 'Service').metadata.name}:5432/device-registry`);
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
