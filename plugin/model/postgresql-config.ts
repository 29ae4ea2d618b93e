/** Options, defaults, names and shared pieces of the device-registry PostgreSQL (see postgresql.ts). */
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

/** Options with every default applied (the password aside: it only decides whether a Secret is made). */
export type Resolved = Required<Omit<PostgresqlOptions, 'password'>>;

/** Applies the defaults. */
export function resolve(options: PostgresqlOptions): Resolved {
  const d = POSTGRESQL_DEFAULTS;
  return {
    namespace: options.namespace,
    name: options.name ?? d.name,
    database: options.database ?? d.database,
    username: options.username ?? d.username,
    storage: options.storage ?? d.storage,
  };
}

/** The labels that select the server's pods. */
export function selector(o: Resolved): Record<string, string> {
  return { 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': o.name };
}

/** Metadata of one object of the instance: its namespace and the common labels. */
export function meta(o: Resolved, name: string): KubeObject['metadata'] {
  const labels = { ...MANAGED_BY, ...selector(o), 'app.kubernetes.io/component': 'device-registry-database' };
  return { name, namespace: o.namespace, labels };
}

/** libpq's environment for the instance, with the password from its Secret. */
export function clientEnv(o: Resolved): Record<string, unknown>[] {
  return [
    { name: 'PGHOST', value: o.name },
    { name: 'PGPORT', value: String(POSTGRESQL_PORT) },
    { name: 'PGDATABASE', value: o.database },
    { name: 'PGUSER', value: o.username },
    { name: 'PGPASSWORD', valueFrom: passwordRef(o) },
  ];
}

/** Where the pods read the password: key `password` of the credentials Secret. */
export function passwordRef(o: Resolved): Record<string, unknown> {
  return { secretKeyRef: { name: postgresqlNames(o.name).secret, key: 'password' } };
}
