/** The PostgreSQL instance deployed beside an IoTConfig as its device-registry database. Pure builders. */
import { KubeObject } from './kinds';
import { MANAGED_BY } from './manifests';

/** Where and how the device-registry PostgreSQL runs; every field but the namespace has a default. */
export interface PostgresqlOptions {
  namespace: string;
  /** Name of the Deployment, Service and PersistentVolumeClaim (default `postgresql`). */
  name?: string;
  database?: string;
  username?: string;
  /** The database password; omit it to keep it out of Git (the Secret is then created out of band). */
  password?: string;
  /** Size of the data volume (default `1Gi`). */
  storage?: string;
}

export const POSTGRESQL_DEFAULTS = {
  name: 'postgresql',
  database: 'device-registry',
  username: 'registry',
  storage: '1Gi',
};
export const POSTGRESQL_IMAGE = 'docker.io/library/postgres:15';
export const POSTGRESQL_PORT = 5432;
/** File name of the schema inside the schema ConfigMap. */
export const SCHEMA_KEY = 'schema.sql';

/** Names of the objects of one PostgreSQL instance. */
export function postgresqlNames(name: string = POSTGRESQL_DEFAULTS.name) {
  return { service: name, secret: `${name}-credentials`, schema: `${name}-schema` };
}

/** The JDBC URL of the instance, by its Service's short name: the Hono services run in the same namespace. */
export function postgresqlJdbcUrl(name: string = POSTGRESQL_DEFAULTS.name, database = POSTGRESQL_DEFAULTS.database) {
  return `jdbc:postgresql://${name}:${POSTGRESQL_PORT}/${database}`;
}

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

type Resolved = Required<Omit<PostgresqlOptions, 'password'>>;

function resolve(options: PostgresqlOptions): Resolved {
  const d = POSTGRESQL_DEFAULTS;
  return {
    namespace: options.namespace,
    name: options.name ?? d.name,
    database: options.database ?? d.database,
    username: options.username ?? d.username,
    storage: options.storage ?? d.storage,
  };
}

function selector(o: Resolved): Record<string, string> {
  return { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': o.name };
}

function meta(o: Resolved, name: string): KubeObject['metadata'] {
  const labels = { ...MANAGED_BY, ...selector(o), 'app.kubernetes.io/component': 'device-registry-database' };
  return { name, namespace: o.namespace, labels };
}

/** libpq's environment for the instance, with the password from its Secret. */
function clientEnv(o: Resolved): Record<string, unknown>[] {
  return [
    { name: 'PGHOST', value: o.name },
    { name: 'PGPORT', value: String(POSTGRESQL_PORT) },
    { name: 'PGDATABASE', value: o.database },
    { name: 'PGUSER', value: o.username },
    { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: postgresqlNames(o.name).secret, key: 'password' } } },
  ];
}

function deployment(o: Resolved): KubeObject {
  const password = { secretKeyRef: { name: postgresqlNames(o.name).secret, key: 'password' } };
  const ready = ['pg_isready', '-h', '127.0.0.1', '-U', o.username, '-d', o.database];
  const container = {
    name: 'postgresql',
    image: POSTGRESQL_IMAGE,
    env: [
      { name: 'POSTGRES_DB', value: o.database },
      { name: 'POSTGRES_USER', value: o.username },
      { name: 'POSTGRES_PASSWORD', valueFrom: password },
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
