/** Parses YAML/JSON manifests with line numbers, defending against hostile input. */
import { Document, LineCounter, parseAllDocuments, visit } from 'yaml';
import { CliError, messageOf } from '../errors';
import type { KubeObject } from '../model/kinds';
import { plainDocuments } from './parse-fast';

/** Limits that keep a hostile file from exhausting memory or the stack. */
export const LIMITS = {
  fileBytes: 32 * 1024 * 1024,
  scalarBytes: 1024 * 1024,
  aliasCount: 100,
  depth: 200,
};

/** One Kubernetes object read from a file, with the 1-based line of its first key. */
export interface ParsedObject {
  object: KubeObject;
  line: number;
}

/** Parses every document of `text`; `file` names it in errors. Non-Kubernetes documents are skipped. */
export function parseManifests(text: string, file: string): ParsedObject[] {
  if (Buffer.byteLength(text) > LIMITS.fileBytes) {
    throw new CliError(`${file}: file is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB; refusing to read it`);
  }
  // Plain manifests (most trees, and every large one kubectl iot writes) take the fast path; see parse-fast.ts.
  const plain = plainDocuments(text);
  if (plain) return plain.flatMap(({ value, line }) => kubernetesObjects(value).map((object) => ({ object, line })));
  return parseCarefully(text, file);
}

/** parseManifests without the fast path: the `yaml` document model, with every defence (exported for tests). */
export function parseCarefully(text: string, file: string): ParsedObject[] {
  const lineCounter = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(file, 1);
    throw new CliError(`${file}: cannot parse YAML: ${messageOf(error)}`, { cause: error });
  }
  if (!Array.isArray(documents)) documents = [documents];
  const objects: ParsedObject[] = [];
  for (const doc of documents) {
    const line = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]).line;
    const error = doc.errors[0];
    if (error) {
      const at = lineCounter.linePos(error.pos[0]).line;
      if (/call stack/i.test(error.message)) throw tooDeep(file, at);
      throw new CliError(`${file}:${at}: malformed YAML: ${firstLine(error.message)}`);
    }
    checkShape(doc, file, lineCounter);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.aliasCount });
    } catch (error) {
      if (error instanceof RangeError) throw tooDeep(file, line);
      throw new CliError(`${file}:${line}: cannot read document: ${firstLine(messageOf(error))}`, { cause: error });
    }
    for (const object of kubernetesObjects(value)) objects.push({ object, line });
  }
  return objects;
}

/** Rejects scalars over the size limit and nesting deeper than the depth limit, before converting to JS. */
function checkShape(doc: Document.Parsed, file: string, lineCounter: LineCounter): void {
  visit(doc, {
    Collection(_key, node, path) {
      if (path.length > LIMITS.depth) throw tooDeep(file, lineCounter.linePos(node.range?.[0] ?? 0).line);
    },
    Scalar(_key, node, path) {
      const where = () => lineCounter.linePos(node.range?.[0] ?? 0).line;
      if (typeof node.source === 'string' && node.source.length > LIMITS.scalarBytes) {
        throw new CliError(`${file}:${where()}: a value is larger than ${LIMITS.scalarBytes / 1024} KiB; refusing it`);
      }
      if (path.length > LIMITS.depth) {
        throw tooDeep(file, where());
      }
    },
  });
}

/** The Kubernetes objects in a document: the object itself, or the items of a `List`. */
function kubernetesObjects(value: unknown): KubeObject[] {
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return [];
  if (value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((item) => kubernetesObjects(item));
  }
  if (!isObject(value.metadata)) value.metadata = {};
  return [value as KubeObject];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tooDeep(file: string, line: number): CliError {
  return new CliError(`${file}:${line}: nesting deeper than ${LIMITS.depth} levels; refusing it`);
}

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
