/**
 * Objects that stay JSON text until something needs their fields. A worker thread that parsed a file sends each
 * object as its JSON text and its head (apiVersion, kind, name, namespace), not as a structured clone: the text is
 * cheaper to pass between threads, smaller to hold (a million projects: about a quarter of the heap of parsed
 * objects), and it is exactly what a batch's evaluation input is made of (partition.ts), so it is encoded once.
 *
 * The head is all that reading, partitioning and the report look at. Anything else that reads `object` gets it
 * parsed, and from then on the object is the truth: the text is dropped, because the reader may change the object
 * (a namespace defaulted, an Argo CD destination applied), and a stale text must never be evaluated.
 */
import type { KubeObject } from '../model/kinds';
import type { LocatedObject, SourceRef } from './types';

/** The fields of an object that identify it. */
export interface ObjectHead {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; namespace?: string };
}

/** An object as its JSON text and head: what a worker thread sends for each object it parsed. */
export interface EncodedParts {
  json: string;
  head: ObjectHead;
}

/**
 * A LocatedObject whose object is parsed from its text on first use. A million objects are held at once, so the
 * head's fields are kept flat, and the strings many objects share (apiVersion, kind, namespace) once each, through
 * the reader's `intern`.
 */
export class EncodedObject implements LocatedObject {
  #text: string | undefined;
  #object: KubeObject | undefined;
  #released = false;
  #apiVersion: string;
  #kind: string;
  #name: string | undefined;
  #namespace: string | undefined;

  constructor({ json, head }: EncodedParts, public source: SourceRef, intern: (text: string) => string = (text) => text) {
    this.#text = json;
    this.#apiVersion = intern(head.apiVersion);
    this.#kind = intern(head.kind);
    this.#name = head.metadata.name;
    this.#namespace = typeof head.metadata.namespace === 'string' ? intern(head.metadata.namespace) : head.metadata.namespace;
  }

  get object(): KubeObject {
    if (this.#released) throw new Error('internal error: an object was read after its evaluation released it');
    if (this.#object === undefined) {
      this.#object = JSON.parse(this.#text!) as KubeObject;
      this.#text = undefined;
    }
    return this.#object;
  }

  set object(value: KubeObject) {
    this.#object = value;
    this.#text = undefined;
  }

  /** The fields that identify the object, as its text had them. */
  get head(): ObjectHead {
    return { apiVersion: this.#apiVersion, kind: this.#kind, metadata: { name: this.#name, namespace: this.#namespace } };
  }

  /** As JSON, it is the LocatedObject it stands for (its fields are private or on the prototype). */
  toJSON(): LocatedObject {
    return { object: this.object, source: this.source };
  }

  /** The object's JSON text, while nothing has read (and so possibly changed) the object. */
  get json(): string | undefined {
    return this.#text;
  }

  /**
   * Lets the text and object go once the object's last evaluation has it (`check` on a large tree: what it holds
   * shrinks as batches are done); only the head and source remain.
   */
  release(): void {
    if (this.#object !== undefined) {
      // Read (and maybe changed) as an object: the head that stays is the object's, not the text's.
      const { apiVersion, kind, metadata } = this.#object;
      [this.#apiVersion, this.#kind, this.#name, this.#namespace] = [apiVersion, kind, metadata.name, metadata.namespace];
    }
    this.#released = true;
    this.#text = undefined;
    this.#object = undefined;
  }

  get released(): boolean {
    return this.#released;
  }
}

/** A function that gives one copy of equal strings: the first it was given. */
export function interner(): (text: string) => string {
  const strings = new Map<string, string>();
  return (text) => {
    const known = strings.get(text);
    if (known !== undefined) return known;
    strings.set(text, text);
    return text;
  };
}

/** The text and head of a parsed object (in the thread that parsed it). */
export function encodeObject(object: KubeObject): EncodedParts {
  const { name, namespace } = object.metadata;
  return { json: JSON.stringify(object), head: { apiVersion: object.apiVersion, kind: object.kind, metadata: { name, namespace } } };
}

/** What identifies `located`'s object, without parsing an encoded one. */
export function headOf(located: LocatedObject): ObjectHead {
  return located instanceof EncodedObject && (located.json !== undefined || located.released) ? located.head : located.object;
}

/** The JSON text of `located`'s object: kept from the worker that parsed it, or encoded now. */
export function jsonOf(located: LocatedObject): string {
  return (located instanceof EncodedObject ? located.json : undefined) ?? JSON.stringify(located.object);
}

/** The JSON size of `located`'s object: the text's length when it is kept, else an estimate (no encoding). */
export function sizeOf(located: LocatedObject): number {
  const json = located instanceof EncodedObject ? located.json : undefined;
  return json !== undefined ? json.length : approximateSize(located.object);
}

/**
 * The JSON size of an object, cheaply: its string leaves and keys (what dominates manifests), plus structure. A
 * loop over keys, not Object.entries: this runs for every object of a tree read in this thread (10,000 projects:
 * 32 ms with the arrays of entries, most of partition's time).
 */
function approximateSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 3;
  if (value === null || typeof value !== 'object') return 8;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) size += approximateSize(value[i]) + 1;
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) if (Object.hasOwn(record, key)) size += key.length + 4 + approximateSize(record[key]);
  }
  return size;
}
