/** Puts files over a cluster's state: the pre-merge question "what if this change were applied?". */
import type { LocatedObject } from './types';
import { canonicalKind, type KubeObject } from '../model/kinds';

function identity(object: KubeObject): string {
  const kind = canonicalKind(object.apiVersion, object.kind) ?? `${object.apiVersion}/${object.kind}`;
  return `${kind}/${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** The cluster's objects, with any object the files also define replaced by the file's version. */
export function overlayFiles(live: KubeObject[], files: LocatedObject[]): LocatedObject[] {
  const fromFiles = new Set(files.map(({ object }) => identity(object)));
  const kept: LocatedObject[] = live.filter((o) => !fromFiles.has(identity(o))).map((object) => ({ object }));
  return [...kept, ...files];
}
