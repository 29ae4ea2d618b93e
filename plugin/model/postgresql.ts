/** The PostgreSQL instance deployed beside an IoTConfig as its device-registry database. Pure builders. */
import { KubeObject } from './kinds';
import {
  clientEnv,
  meta,
  passwordRef,
  POSTGRESQL_IMAGE,
  POSTGRESQL_PORT,
  postgresqlNames,
  PostgresqlOptions,
  resolve,
  Resolved,
  SCHEMA_KEY,
  selector,
} from './postgresql-config';

/** The Secret holding the database password (key `password`). */
export function buildPostgresqlSecret(namespace: string, password: string, name?: string): KubeObject {
  const o = resolve({ namespace, name });
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(o, postgresqlNames(o.name).secret),
    type: 'Opaque',
    stringData: { password },
  };
}

function deployment(o: Resolved): KubeObject {
  const ready = ['pg_isready', '-h', '127.0.0.1', '-U', o.username, '-d', o.database];
  const container = {
    name: 'postgresql',
    image: POSTGRESQL_IMAGE,
    env: [
      { name: 'POSTGRES_DB', value: o.database },
      { name: 'POSTGRES_USER', value: o.username },
      { name: 'POSTGRES_PASSWORD', valueFrom: passwordRef(o) },
      // The volume's root may hold lost+found, which initdb refuses: keep the cluster in a subdirectory.
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ],
    ports: [{ name: 'postgresql', containerPort: POSTGRESQL_PORT, protocol: 'TCP' }],
    // Readiness over TCP: during first start the image's init server listens on the socket only.
    readinessProbe: { exec: { command: ready }, initialDelaySeconds: 5, periodSeconds: 10 },
    livenessProbe: {
      tcpSocket: { port: 'postgresql' }, initialDelaySeconds: 30, periodSeconds: 20, failureThreshold: 6,
    },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(o, o.name),
    spec: {
      replicas: 1,
      // The data volume is ReadWriteOnce: a rolling update would wait forever for the old pod's volume.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector(o) },
      template: {
        metadata: { labels: meta(o, o.name).labels },
        spec: { containers: [container], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: o.name } }] },
      },
    },
  };
}

/** The script of the schema Job: wait for the server, then apply the (idempotent) schema in one transaction. */
const APPLY_SCHEMA = [
  'until pg_isready --quiet; do echo "waiting for PostgreSQL at $PGHOST:$PGPORT"; sleep 2; done',
  `exec psql --no-psqlrc -v ON_ERROR_STOP=1 -f /schema/${SCHEMA_KEY}`,
].join('\n');

function schemaJob(o: Resolved): KubeObject {
  const names = postgresqlNames(o.name);
  const container = {
    name: 'apply-schema',
    image: POSTGRESQL_IMAGE,
    command: ['/bin/sh', '-c', APPLY_SCHEMA],
    env: clientEnv(o),
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    volumeMounts: [{ name: 'schema', mountPath: '/schema', readOnly: true }],
  };
  const metadata = meta(o, names.schema);
  // A Job's template is immutable and the schema may change: Argo CD re-creates it as a sync hook, Flux by force.
  // Re-running is harmless because every statement is CREATE ... IF NOT EXISTS.
  metadata.annotations = {
    'argocd.argoproj.io/hook': 'Sync',
    'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    'kustomize.toolkit.fluxcd.io/force': 'Enabled',
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: { ...metadata.labels } },
        spec: {
          restartPolicy: 'Never',
          containers: [container],
          volumes: [{ name: 'schema', configMap: { name: names.schema } }],
        },
      },
    },
  };
}

/**
 * PostgreSQL for the device registry: Secret (only when a password is given), PersistentVolumeClaim, Deployment,
 * Service, the schema ConfigMap and the Job applying it.
 */
export function buildPostgresql(options: PostgresqlOptions, schemaSql: string): KubeObject[] {
  const o = resolve(options);
  const names = postgresqlNames(o.name);
  const secret = options.password === undefined ? [] : [buildPostgresqlSecret(o.namespace, options.password, o.name)];
  return [
    ...secret,
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta(o, o.name),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.storage } } },
    },
    deployment(o),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(o, names.service),
      spec: {
        selector: selector(o),
        ports: [{ name: 'postgresql', port: POSTGRESQL_PORT, targetPort: 'postgresql', protocol: 'TCP' }],
      },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(o, names.schema), data: { [SCHEMA_KEY]: schemaSql } },
    schemaJob(o),
  ];
}
