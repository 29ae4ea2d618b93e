/** The API resources the plugin reads and writes: where they live on the API server and how messages name them. */
import {
  aliasNames, API_VERSION, CLUSTER_LEVEL_KINDS, IOT_GROUP, MESSAGING_GROUP, pluralOf, type CanonicalKind,
} from '../model/kinds';

/** One kind as the API server serves it. */
export interface Resource {
  apiVersion: string;
  kind: string;
  /** Plural, lowercase: the URL segment and the RBAC resource name. */
  plural: string;
  namespaced: boolean;
}

/** How the inventory lists a kind. */
export interface InventoryResource extends Resource {
  /** Listed in every namespace even when one is asked for (infrastructure is shared). */
  clusterWide: boolean;
  /** A later name of a model kind: its CRD may be absent, and then the kind is skipped. */
  optional: boolean;
}

function resource(apiVersion: string, kind: string, clusterWide = false, optional = false): InventoryResource {
  return { apiVersion, kind, plural: pluralOf(kind), namespaced: kind !== 'Namespace', clusterWide, optional };
}

/** The model's kinds in the order they are listed (and their failures reported). */
const LISTED: readonly CanonicalKind[] = ['IoTProject', 'IoTConfig', 'MessagingInfrastructure', 'MessagingTenant', 'MessagingAddress'];
const shared = (kind: CanonicalKind) => CLUSTER_LEVEL_KINDS.includes(kind);

/** What `status`, `check --live` and `--apply` read: the model's kinds, their aliases and namespaces. */
export const INVENTORY: readonly InventoryResource[] = [
  ...LISTED.map((kind) => resource(API_VERSION[kind], kind, shared(kind))),
  ...aliasNames().sort((a, b) => LISTED.indexOf(a.canonical) - LISTED.indexOf(b.canonical))
    .map((alias) => resource(alias.apiVersion, alias.kind, shared(alias.canonical), true)),
  resource(API_VERSION.Namespace, 'Namespace', true),
];

/** The group of an apiVersion ("" for the core group). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** The resource as RBAC and kubectl name it: `iotprojects.iot.enmasse.io`, `namespaces`. */
export function qualifiedName(r: Pick<Resource, 'apiVersion' | 'plural'>): string {
  const group = groupOf(r.apiVersion);
  return group ? `${r.plural}.${group}` : r.plural;
}

/** The object as kubectl's apply output names it: `iotproject.iot.enmasse.io/iot1`. */
export function objectName(apiVersion: string, kind: string, name: string): string {
  const group = groupOf(apiVersion);
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}/${name}`;
}

/** The URL path of a collection (namespace undefined: all namespaces) or, with `name`, of one object. */
export function resourcePath(r: Resource, namespace?: string, name?: string): string {
  const root = r.apiVersion.includes('/') ? `/apis/${r.apiVersion}` : `/api/${r.apiVersion}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${r.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** Whether a group is one of the model's (a 404 there means the CRDs are missing). */
export function isModelGroup(apiVersion: string): boolean {
  const group = groupOf(apiVersion);
  return group === IOT_GROUP || group === MESSAGING_GROUP;
}
