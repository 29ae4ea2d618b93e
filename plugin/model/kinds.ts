/** Kinds of the IoT model and their API versions, including the later names accepted as aliases. */

export const IOT_GROUP = 'iot.enmasse.io';
export const MESSAGING_GROUP = 'enmasse.io';
export const DEFAULT_INFRA_NAMESPACE = 'enmasse-infra';
/** The only name an IoTConfig and a MessagingTenant may have. */
export const DEFAULT_NAME = 'default';

export type CanonicalKind =
  | 'IoTConfig'
  | 'IoTProject'
  | 'MessagingInfrastructure'
  | 'MessagingTenant'
  | 'MessagingAddress'
  | 'Namespace';

export const API_VERSION: Record<CanonicalKind, string> = {
  IoTConfig: `${IOT_GROUP}/v1alpha1`,
  IoTProject: `${IOT_GROUP}/v1alpha1`,
  MessagingInfrastructure: `${MESSAGING_GROUP}/v1`,
  MessagingTenant: `${MESSAGING_GROUP}/v1`,
  MessagingAddress: `${MESSAGING_GROUP}/v1`,
  Namespace: 'v1',
};

/** Later names of the same kinds (group/version -> kind). */
const ALIASES: Record<string, CanonicalKind> = {
  [`${MESSAGING_GROUP}/v1/MessagingProject`]: 'MessagingTenant',
  [`${IOT_GROUP}/v1/IoTInfrastructure`]: 'IoTConfig',
  [`${IOT_GROUP}/v1/IoTTenant`]: 'IoTProject',
};

/** The kinds the pack reads at cluster level, wherever they are: shared infrastructure (policy/partition.ts). */
export const CLUSTER_LEVEL_KINDS: readonly CanonicalKind[] = ['IoTConfig', 'MessagingInfrastructure'];

/** The plural of a kind as the API server serves it (lowercase; "es" after an s: messagingaddresses). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  return lower.endsWith('s') ? `${lower}es` : `${lower}s`;
}

/** Every later name: its apiVersion and kind, and the kind it names. */
export function aliasNames(): { apiVersion: string; kind: string; canonical: CanonicalKind }[] {
  return Object.entries(ALIASES).map(([key, canonical]) => {
    const at = key.lastIndexOf('/');
    return { apiVersion: key.slice(0, at), kind: key.slice(at + 1), canonical };
  });
}

/** Every name of a kind as apiVersion and kind: its own first, then its later names. */
export function namesOf(kind: CanonicalKind): { apiVersion: string; kind: string }[] {
  const later = aliasNames().filter((alias) => alias.canonical === kind).map(({ apiVersion, kind: name }) => ({ apiVersion, kind: name }));
  return [{ apiVersion: API_VERSION[kind], kind }, ...later];
}

/**
 * canonicalKind's answers by apiVersion, then kind (null: not a model kind): a tree has few pairs, and check asks
 * for each object several times. Two lookups of strings the reader interned cost less than joining them into a key.
 */
const KNOWN_KINDS = new Map<string, Map<string, CanonicalKind | null>>();
const MAX_KNOWN_KINDS = 1024;
let knownKinds = 0;

/** The model kind an object is, or undefined when it is not part of the model. */
export function canonicalKind(apiVersion: unknown, kind: unknown): CanonicalKind | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  let kinds = KNOWN_KINDS.get(apiVersion);
  const known = kinds?.get(kind);
  if (known !== undefined) return known ?? undefined;
  const found = lookUpKind(apiVersion, kind);
  if (knownKinds < MAX_KNOWN_KINDS) {
    if (!kinds) KNOWN_KINDS.set(apiVersion, (kinds = new Map()));
    kinds.set(kind, found ?? null);
    knownKinds++;
  }
  return found;
}

function lookUpKind(apiVersion: string, kind: string): CanonicalKind | undefined {
  const alias = ALIASES[`${apiVersion}/${kind}`];
  if (alias) return alias;
  const known = (Object.keys(API_VERSION) as CanonicalKind[]).find((k) => k === kind);
  if (!known) return undefined;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const expected = API_VERSION[known].includes('/') ? API_VERSION[known].split('/')[0] : '';
  return group === expected ? known : undefined;
}

/** Minimal shape of a Kubernetes object as read from YAML or the API. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}
