/** OpenAPI v3 schemas (structural) of the model's kinds, from the upstream API facts; crds.ts wraps them into CRDs. */

/** A node of a structural OpenAPI v3 schema. */
export type Schema = Record<string, unknown>;

const str = (description?: string): Schema => (description ? { type: 'string', description } : { type: 'string' });
const int = (): Schema => ({ type: 'integer' });
const bool = (): Schema => ({ type: 'boolean' });
const list = (items: Schema): Schema => ({ type: 'array', items });
const object = (properties: Schema, required?: string[]): Schema =>
  required ? { type: 'object', properties, required } : { type: 'object', properties };
/** An object whose unknown fields are kept: upstream left these open-ended, and pruning would lose user data. */
const open = (properties?: Schema): Schema =>
  properties
    ? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties }
    : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const condition = object(
  {
    type: str(),
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: str(),
    message: str(),
    lastTransitionTime: { type: 'string', format: 'date-time' },
  },
  ['type', 'status'],
);

/** The status every kind shares; open so fields older controllers wrote (endpoints, accepted config) survive. */
function status(extra: Schema = {}): Schema {
  return open({
    phase: str('Phase of the resource, e.g. Active, Configuring, Failed.'),
    phaseReason: str('Why the resource is in its phase, and what fixes it.'),
    message: str('Message the EnMasse controllers set instead of phaseReason.'),
    conditions: list(condition),
    ...extra,
  });
}

/** A root schema: apiVersion, kind, metadata and the given spec and status. */
function root(description: string, spec: Schema, statusSchema: Schema): Schema {
  return {
    description,
    type: 'object',
    properties: { apiVersion: str(), kind: str(), metadata: { type: 'object' }, spec, status: statusSchema },
  };
}

const jdbcConnection = object(
  {
    url: str('JDBC URL, e.g. jdbc:postgresql://postgresql:5432/device-registry.'),
    driverClass: str(),
    username: str(),
    password: str('Plain text: the IoTConfig API has no secret reference.'),
    maximumPoolSize: int(),
    tableName: str(),
  },
  ['url'],
);
const jdbcService = open({ connection: jdbcConnection, replicas: int() });
const authTokenCache = object({ authTokenCacheExpiration: str() });

const deviceRegistry = {
  ...open({
    jdbc: object({
      disabled: bool(),
      server: object({
        external: object({ mode: str(), management: jdbcService, adapter: jdbcService, extensions: list(open()) }),
      }),
      management: authTokenCache,
    }),
    infinispan: open({
      disabled: bool(),
      replicas: int(),
      server: object({
        external: object({
          host: str(), port: int(), username: str(), password: str(), saslServerName: str(), saslRealm: str(),
          deletionChunkSize: int(), cacheNames: object({ devices: str(), adapterCredentials: str() }),
        }),
      }),
      management: authTokenCache,
    }),
  }),
  description: 'Storage of the device registry: exactly one of jdbc (an external JDBC server) or infinispan.',
  oneOf: [{ required: ['jdbc'] }, { required: ['infinispan'] }],
};

/** IoTConfig / IoTInfrastructure: the IoT infrastructure of one messaging infrastructure. */
export const iotConfigSchema = root(
  'The IoT infrastructure (Hono services) of one MessagingInfrastructure; named default, one per cluster.',
  object({
    messagingInfrastructureRef: str('Name of the MessagingInfrastructure in this namespace; default: this name.'),
    enableDefaultRoutes: bool(),
    imageOverrides: open(),
    interServiceCertificates: open(),
    java: open(),
    tls: open(),
    mesh: open(),
    adapters: open(),
    services: open({ deviceRegistry, deviceConnection: open(), authentication: open(), tenant: open() }),
    tracing: open(),
    monitoring: open(),
    logging: open(),
  }),
  status(),
);

/** IoTProject / IoTTenant: one Hono tenant named <namespace>.<name>. */
export const iotProjectSchema = root(
  'An IoT tenant: scopes a set of devices; its Hono tenant name is <namespace>.<name>.',
  object({
    configuration: open({ enabled: bool(), minimumMessageSize: { type: 'integer', minimum: 0 } }),
    // Kept loose on purpose: the external and provided strategies are gone, and a policy explains that.
    downstreamStrategy: open({ managedStrategy: open(), externalStrategy: open(), providedStrategy: open() }),
  }),
  status({ tenantName: str('The Hono tenant name, <namespace>.<name>.') }),
);

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const infrastructureRef = object(
  { name: str('Name of the MessagingInfrastructure.'), namespace: str('Its namespace.') },
  ['name'],
);

/** MessagingInfrastructure: routers and brokers serving the namespaces its selector picks. */
export const messagingInfrastructureSchema = root(
  'Messaging infrastructure (routers and brokers) serving the namespaces selected by namespaceSelector.',
  object({
    namespaceSelector: object({
      matchNames: list(str()),
      matchLabels: { type: 'object', additionalProperties: str() },
      matchExpressions: list(object(
        { key: str(), operator: { type: 'string', enum: OPERATORS }, values: list(str()) },
        ['key', 'operator'],
      )),
    }),
    router: open(),
    broker: open(),
  }),
  status(),
);

/** MessagingTenant / MessagingProject: a namespace's binding to messaging infrastructure. */
export const messagingTenantSchema = root(
  'Enables messaging in a namespace; only the one named default counts.',
  object({ messagingInfrastructureRef: infrastructureRef, capabilities: list(str()) }),
  status({ messagingInfrastructureRef: infrastructureRef, capabilities: list(str()) }),
);

/** MessagingAddress: one address of a messaging tenant. */
export const messagingAddressSchema = root(
  'An address in a messaging tenant; set spec.address and one of the address types.',
  object({
    address: str(),
    anycast: { type: 'object' },
    multicast: { type: 'object' },
    queue: object({ deadLetterAddress: str(), expiryAddress: str() }),
    topic: { type: 'object' },
    subscription: object({ topic: str() }, ['topic']),
    deadLetter: { type: 'object' },
  }),
  status({ type: str() }),
);
