/** Small lookups over lists of Kubernetes objects, for builder tests. */
import * as assert from 'uvu/assert';
import { KubeObject } from '../../plugin/model/kinds';

/** A loosely typed object, to reach deep fields in assertions. */
export type Any = Record<string, any>;

/** `Kind/name` of each object, in order. */
export const kindsAndNames = (objects: KubeObject[]): string[] => objects.map((o) => `${o.kind}/${o.metadata.name}`);

/** The first object of `kind`; fails the test when there is none. */
export function findKind(objects: KubeObject[], kind: string): Any {
  const found = objects.find((o) => o.kind === kind);
  assert.ok(found, `a ${kind}`);
  return found as Any;
}
