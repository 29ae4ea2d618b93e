/** Builders for the infrastructure side of the model: IoTConfig, MessagingInfrastructure, the registry database. */
import { DEFAULT_NAME, KubeObject } from './kinds';
import { managedObject } from './manifests';
import { buildPostgresql } from './postgresql';
import { POSTGRESQL_DEFAULTS, postgresqlJdbcUrl, postgresqlNames, PostgresqlOptions } from './postgresql-config';

export { buildPostgresql, buildPostgresqlSecret } from './postgresql';

/** The PostgreSQL deployed beside the IoTConfig (see buildPostgresql); the password is optional, see there. */
export interface PostgresqlRegistry extends Omit<PostgresqlOptions, 'namespace'> {
  kind: 'postgresql';
}

/** A JDBC server run elsewhere. */
export interface ExternalRegistry {
  kind: 'external';
  url: string;
  username?: string;
  password?: string;
}

export type RegistryOptions = PostgresqlRegistry | ExternalRegistry;

export interface IoTConfigOptions {
  namespace: string;
  /** Name of the MessagingInfrastructure, in the same namespace, the IoT infrastructure binds to. */
  messagingInfrastructure: string;
  registry: RegistryOptions;
}

/** The JDBC connection the Hono services use; the password only when given. */
function connection(registry: RegistryOptions): Record<string, string> {
  const jdbc = registry.kind === 'external'
    ? { url: registry.url, username: registry.username, password: registry.password }
    : {
      url: postgresqlJdbcUrl(registry.name, registry.database),
      username: registry.username ?? POSTGRESQL_DEFAULTS.username,
      password: registry.password,
    };
  return Object.fromEntries(Object.entries(jdbc).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

/**
 * The IoTConfig `default` bound to one MessagingInfrastructure, with a JDBC device registry (and device
 * connection, which keeps its device states in the same database).
 *
 * The IoTConfig API takes the password only as plain text; there is no secret reference. So the password is set
 * only when the caller passes one (objects applied straight to a cluster). For Git, leave it out: the manifest then
 * carries no password and it is set once in the cluster, e.g. by applying jdbcPasswordPatch(); Argo CD and Flux
 * leave a field alone that Git does not mention.
 */
export function buildIoTConfig({ namespace, messagingInfrastructure, registry }: IoTConfigOptions): KubeObject {
  const jdbc = connection(registry);
  return managedObject('IoTConfig', namespace, DEFAULT_NAME, {
    // Explicit even when it equals the default (the IoTConfig's own name), so readers need not know the rule.
    messagingInfrastructureRef: messagingInfrastructure,
    services: {
      deviceConnection: { jdbc: { server: { external: { ...jdbc } } } },
      deviceRegistry: { jdbc: { server: { external: { management: { connection: { ...jdbc } } } } } },
    },
  });
}

/** A JSON merge patch setting the database password of an IoTConfig made by buildIoTConfig. */
export function jdbcPasswordPatch(password: string): Record<string, unknown> {
  const connection = { password };
  return {
    spec: {
      services: {
        deviceConnection: { jdbc: { server: { external: connection } } },
        deviceRegistry: { jdbc: { server: { external: { management: { connection } } } } },
      },
    },
  };
}

/** A MessagingInfrastructure with no namespace selector: it serves every namespace. */
export function buildMessagingInfrastructure(namespace: string, name: string): KubeObject {
  return managedObject('MessagingInfrastructure', namespace, name, {});
}

export interface InfrastructureOptions extends IoTConfigOptions {
  /** Also create the MessagingInfrastructure (when the cluster does not have it yet). */
  createMessagingInfrastructure?: boolean;
}

/** Everything `create infrastructure` makes: [MessagingInfrastructure], IoTConfig, and PostgreSQL when deployed. */
export function buildInfrastructure(options: InfrastructureOptions, schemaSql: string): KubeObject[] {
  const { namespace, messagingInfrastructure, registry } = options;
  const messaging = options.createMessagingInfrastructure
    ? [buildMessagingInfrastructure(namespace, messagingInfrastructure)]
    : [];
  const database = registry.kind === 'postgresql' ? buildPostgresql({ ...registry, namespace }, schemaSql) : [];
  return [...messaging, buildIoTConfig(options), ...database];
}

/** The one-time steps that set the database password a GitOps tree leaves out (shown in the base and by create). */
export function passwordSteps(namespace: string): string[] {
  const patch = JSON.stringify(jdbcPasswordPatch('@')).replaceAll('"@"', `"'"$PASSWORD"'"`);
  return [
    'The database password is not in Git (the IoTConfig API takes it only as plain text). Once per cluster:',
    '  PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -d \'/+=\')"',
    `  kubectl -n ${namespace} create secret generic ${postgresqlNames().secret} --from-literal=password="$PASSWORD"`,
    `  kubectl -n ${namespace} patch iotconfig ${DEFAULT_NAME} --type merge --patch '${patch}'`,
    'Argo CD and Flux leave the patched field alone, because Git does not set it.',
  ];
}
