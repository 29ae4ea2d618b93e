/** The API resources the plugin reads and writes: where they live on the API server and how messages name them. */
import { IOT_GROUP, MESSAGING_GROUP } from '../model/kinds';

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
  const plural = `${kind.toLowerCase()}s`;
  return { apiVersion, kind, plural, namespaced: kind !== 'Namespace', clusterWide, optional };
}

/** What `status`, `check --live` and `--apply` read: the model's kinds, their aliases and namespaces. */
export const INVENTORY: readonly InventoryResource[] = [
  resource(`${IOT_GROUP}/v1alpha1`, 'IoTProject'),
  resource(`${IOT_GROUP}/v1alpha1`, 'IoTConfig', true),
  resource(`${MESSAGING_GROUP}/v1`, 'MessagingInfrastructure', true),
  resource(`${MESSAGING_GROUP}/v1`, 'MessagingTenant'),
  { ...resource(`${MESSAGING_GROUP}/v1`, 'MessagingAddress'), plural: 'messagingaddresses' },
  resource(`${IOT_GROUP}/v1`, 'IoTTenant', false, true),
  resource(`${IOT_GROUP}/v1`, 'IoTInfrastructure', true, true),
  resource(`${MESSAGING_GROUP}/v1`, 'MessagingProject', false, true),
  resource('v1', 'Namespace', true),
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
