/**
 * When two objects the inventory reader (read.ts) found are one object for the API server, and when they are the
 * same definition reached twice (which is not a duplicate).
 */
import { canonicalKind, type KubeObject } from '../model/kinds';
import { headOf, type ObjectHead } from '../policy/encoded';
import type { LocatedObject, SourceRef } from '../policy/types';

/** An object read, and the definition it came from (the same definition may be reached twice). */
export interface Entry {
  located: LocatedObject & { source: SourceRef };
  /** The real path and line of the document that defines it. */
  origin: string;
  /** Its place among the objects of that document (a List's items); unknown for kustomize output. */
  position?: number;
  /** The real path of the file it was read from (not set for kustomize output). */
  file?: string;
  /** The folder whose kustomize build gave it (so gitops/render-sources.ts need not build that folder again). */
  renderedFrom?: string;
  /** Rendered from a helmCharts entry (kustomize.ts HELM_GENERATOR): a build without --enable-helm has no such object. */
  fromHelm?: true;
}

/**
 * Namespaced model objects without a namespace land where `kubectl apply -n` would put them. Only an object that
 * changes is read as an object (an encoded one keeps its text otherwise, see policy/encoded.ts).
 */
export function defaultNamespace(located: LocatedObject, namespace: string): void {
  const head = headOf(located);
  const kind = canonicalKind(head.apiVersion, head.kind);
  if (kind && kind !== 'Namespace' && !head.metadata.namespace) located.object.metadata.namespace = namespace;
}

/**
 * What makes two objects the same object for the API server: the kind (a later name of a model kind is the same
 * kind; other kinds by group, not version), the namespace (defaulted) and the name.
 */
export function identity(object: ObjectHead, namespace: string): string {
  const model = canonicalKind(object.apiVersion, object.kind);
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  const kind = model ?? `${group}/${object.kind}`;
  const ns = model === 'Namespace' ? '' : object.metadata.namespace ?? namespace;
  return `${kind}\0${ns}\0${object.metadata.name}`;
}

/** The same document reached twice (two overlapping paths, or two kustomize builds of one base): not a duplicate. */
export function sameDefinition(a: Entry, b: Entry): boolean {
  return a.origin === b.origin && (a.position === undefined || b.position === undefined || a.position === b.position);
}

export function definedTwice(first: LocatedObject & { source: SourceRef }, object: KubeObject): string {
  const { namespace, name } = object.metadata;
  const what = `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
  const earlier = first.object.kind === object.kind ? '' : `, as ${first.object.kind} (the same kind under another name)`;
  return `${what} is also defined at ${first.source.file}:${first.source.line}${earlier}; define each object once`;
}
