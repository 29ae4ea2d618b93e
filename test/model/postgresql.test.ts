import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildPostgresql, buildPostgresqlSecret } from '../../plugin/model/postgresql';
import { Any, findKind, kindsAndNames } from '../helpers/objects';

const NS = 'enmasse-infra';

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
  const deployment = findKind(objects, 'Deployment');
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
  assert.is(findKind(objects, 'PersistentVolumeClaim').spec.resources.requests.storage, '5Gi');
});

postgresql('selects the Deployment pods with the Service', () => {
  const objects = buildPostgresql({ namespace: NS }, 'SQL');
  const labels = findKind(objects, 'Deployment').spec.template.metadata.labels;
  const service = findKind(objects, 'Service');
  for (const [key, value] of Object.entries(service.spec.selector)) assert.is(labels[key], value);
  assert.equal(findKind(objects, 'Deployment').spec.selector.matchLabels, service.spec.selector);
  assert.equal(service.spec.ports, [{ name: 'postgresql', port: 5432, targetPort: 'postgresql', protocol: 'TCP' }]);
});

postgresql('the Job mounts the schema ConfigMap, waits for the server and applies schema.sql once per run', () => {
  const objects = buildPostgresql({ namespace: NS, name: 'pg' }, 'CREATE TABLE IF NOT EXISTS t ();');
  const configMap = findKind(objects, 'ConfigMap');
  assert.equal(configMap.data, { 'schema.sql': 'CREATE TABLE IF NOT EXISTS t ();' });
  const job = findKind(objects, 'Job');
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
  const job = findKind(buildPostgresql({ namespace: NS }, 'SQL'), 'Job');
  assert.equal(job.metadata.annotations, {
    'argocd.argoproj.io/hook': 'Sync',
    'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    'kustomize.toolkit.fluxcd.io/force': 'Enabled',
  });
});

postgresql.run();
