/**
 * Reads a KRM function's input, a `ResourceList` (config.kubernetes.io/v1), and writes it back with `results`.
 *
 * The list stays a YAML Document from input to output: its items go back byte for byte as they came (comments,
 * key order, kustomize's internal annotations), since kustomize refuses a validator that changes any of them.
 */
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { CliError } from '../errors';
import type { KubeObject } from '../model/kinds';
import { LIMITS, fileTooLarge } from './limits';
import { defaultNamespace } from './read';

/** Where kustomize and kpt say an item was read (the internal annotation first: kustomize 4+ writes that one). */
const PATH_ANNOTATIONS = ['internal.config.kubernetes.io/path', 'config.kubernetes.io/path'];
const INDEX_ANNOTATIONS = ['internal.config.kubernetes.io/index', 'config.kubernetes.io/index'];

/** One item of the list: the object (a copy: evaluating it never touches the Document) and its file. */
export interface ListItem {
  object: KubeObject;
  file?: { path: string; index?: number };
}

/** A parsed ResourceList: the Document to write back, its items and its functionConfig. */
export interface ResourceList {
  document: Document;
  items: ListItem[];
  functionConfig?: Record<string, unknown>;
}

/** A KRM function result (the specification's fields that `kubectl iot fn` sets). */
export interface FunctionResult {
  message: string;
  severity: 'error' | 'warning' | 'info';
  resourceRef?: { apiVersion: string; kind: string; name: string; namespace?: string };
  file?: { path: string; index?: number };
  tags?: Record<string, string>;
}

/** Parses stdin as a ResourceList; bad input is a CliError saying what is wrong and how to fix it. */
export function parseResourceList(data: Uint8Array | string): ResourceList {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size > LIMITS.fileBytes) throw new CliError(`stdin: ${fileTooLarge(size)}`);
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) throw new CliError(`stdin: not a ResourceList: malformed YAML: ${error.message.split('\n')[0]}`);
  const list = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isRecord(list) || list.kind !== 'ResourceList' || !/^config\.kubernetes\.io\/v1(beta1)?$/.test(String(list.apiVersion))) {
    throw new CliError('stdin: not a ResourceList (apiVersion config.kubernetes.io/v1, kind ResourceList); ' +
      'run kubectl iot fn as a KRM function (kustomize validators or transformers, kpt), or use kubectl iot check');
  }
  const raw = list.items ?? [];
  if (!Array.isArray(raw)) throw new CliError('stdin: ResourceList items must be a list');
  const items = raw.map((item, i) => listItem(item, i));
  const functionConfig = isRecord(list.functionConfig) ? list.functionConfig : undefined;
  return { document, items, functionConfig };
}

/** The ResourceList text with `results` set (items untouched). */
export function withResults(list: ResourceList, results: FunctionResult[]): string {
  const { document } = list;
  if (!isMap(document.contents)) throw new CliError('stdin: ResourceList must be a mapping');
  if (results.length > 0) document.set('results', document.createNode(results, { aliasDuplicateObjects: false }));
  else if (document.has('results')) document.delete('results');
  const items = document.get('items', true);
  if (items !== undefined && items !== null && !isSeq(items)) throw new CliError('stdin: ResourceList items must be a list');
  return document.toString({ lineWidth: 0 });
}

function listItem(item: unknown, i: number): ListItem {
  const where = `stdin: ResourceList item ${i}`;
  if (!isRecord(item) || !isRecord(item.metadata)) throw new CliError(`${where}: not a Kubernetes object (no metadata)`);
  if (typeof item.apiVersion !== 'string' || typeof item.kind !== 'string' || typeof item.metadata.name !== 'string') {
    throw new CliError(`${where}: an object needs apiVersion, kind and metadata.name`);
  }
  const object = item as unknown as KubeObject;
  const annotations = object.metadata.annotations ?? {};
  const path = PATH_ANNOTATIONS.map((a) => annotations[a]).find((v) => typeof v === 'string');
  const index = INDEX_ANNOTATIONS.map((a) => annotations[a]).find((v) => typeof v === 'string');
  // The policy pack sees the object as the cluster would: without the functions' bookkeeping annotations.
  for (const a of [...PATH_ANNOTATIONS, ...INDEX_ANNOTATIONS, 'internal.config.kubernetes.io/id',
    'internal.config.kubernetes.io/annotations-migration-resource-id', 'internal.config.kubernetes.io/seqindent']) {
    delete annotations[a];
  }
  if (object.metadata.annotations && Object.keys(annotations).length === 0) delete object.metadata.annotations;
  const parsedIndex = index !== undefined && /^\d+$/.test(index) ? Number(index) : undefined;
  return { object, file: path ? { path, ...(parsedIndex === undefined ? {} : { index: parsedIndex }) } : undefined };
}

/** Namespaced model objects without a namespace land in `namespace`, as `kubectl apply -n` would put them. */
export function defaultNamespaces(items: ListItem[], namespace: string): void {
  for (const located of items) defaultNamespace(located, namespace);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
