/**
 * Documents to objects for the manifest reader (parse.ts): a document's value becomes Kubernetes objects (a List's
 * items flattened), or problems that say which field is missing or of the wrong type.
 */
import type { KubeObject } from '../model/kinds';

const NOT_A_MAPPING = ', not a mapping (a Kubernetes object)';

/** Whether `message` is kubernetesObjects' problem of a whole document that is no mapping at all (another tool's YAML). */
export function notAnObject(message: string): boolean {
  return message.startsWith('the document is ') && message.endsWith(NOT_A_MAPPING);
}

/**
 * The Kubernetes objects of a document: the object itself, or the items of a List (`kind: List` or `*List` with
 * `items`, flattened as kubectl does). A mapping with none of apiVersion, kind and metadata is not meant as an
 * object (a Helm values file, say) and is skipped; anything else that is not a complete object is a problem.
 */
/** A mapping with none of apiVersion, kind and metadata: another tool's YAML (a Helm values file, say). */
export function isShapeless(value: unknown): boolean {
  return isObject(value) && !('apiVersion' in value || 'kind' in value || 'metadata' in value);
}

/** Why a folder Flux writes the kustomization for cannot hold a document that is no Kubernetes object. */
export const FLUX_NOT_AN_OBJECT = 'the document has none of apiVersion, kind and metadata, and Flux fails to build the folder of a ' +
  'Kustomization with it (kustomize: missing Resource metadata); move the file out of the folder, or leave it out with a .sourceignore';

export function kubernetesObjects(value: unknown, report: (message: string) => void, item?: string, flux?: boolean): KubeObject[] {
  const what = item ?? 'the document';
  const at = item ? `${item}: ` : '';
  if (value === null || value === undefined) {
    if (item) report(`${item} is empty, not a Kubernetes object`);
    return [];
  }
  if (!isObject(value)) {
    report(`${what} is ${describe(value)}${NOT_A_MAPPING}`);
    return [];
  }
  if (!item && isShapeless(value)) {
    // Flux's generator takes every .yaml file of a folder without kustomization.yaml, and kustomize then fails on it.
    if (flux) report(FLUX_NOT_AN_OBJECT);
    return [];
  }
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && 'items' in value) {
    if (value.items === null) return [];
    if (!Array.isArray(value.items)) {
      report(`${at}the items of the ${value.kind} are ${describe(value.items)}, not a sequence`);
      return [];
    }
    const items = value.items as unknown[];
    return items.flatMap((child, i) => kubernetesObjects(child, report, `${item ? `${item}.` : ''}items[${i}]`));
  }
  const missing: string[] = [];
  const wrong: string[] = [];
  const check = (field: string, present: boolean, text: unknown) => {
    if (!present || text === null || text === '') missing.push(field);
    else if (typeof text !== 'string') wrong.push(`${field} is ${describe(text)}, not a string`);
  };
  check('apiVersion', 'apiVersion' in value, value.apiVersion);
  check('kind', 'kind' in value, value.kind);
  const metadata = value.metadata;
  let generateName = false;
  if (metadata === undefined || metadata === null) missing.push('metadata');
  else if (!isObject(metadata)) wrong.push(`metadata is ${describe(metadata)}, not a mapping`);
  else {
    check('metadata.name', 'name' in metadata, metadata.name);
    generateName = missing.includes('metadata.name') && typeof metadata.generateName === 'string';
    if ('namespace' in metadata && metadata.namespace !== null && typeof metadata.namespace !== 'string') {
      wrong.push(`metadata.namespace is ${describe(metadata.namespace)}, not a string`);
    }
  }
  const reasons = [...(missing.length > 0 ? [`${joinAnd(missing)} ${missing.length > 1 ? 'are' : 'is'} missing`] : []), ...wrong];
  if (reasons.length === 0) return [value as KubeObject];
  const hint = generateName
    ? ' (metadata.generateName works only with kubectl create; kubectl apply and GitOps tools need a name)'
    : missing.length > 0 ? '; a Kubernetes object needs apiVersion, kind and metadata.name' : '';
  report(`${at}${reasons.join(', ')}${hint}`);
  return [];
}

function joinAnd(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  if (typeof value === 'number') return `a number (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (isObject(value)) return 'a mapping';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
