/**
 * The careful path of the manifest reader (parse.ts): the `yaml` package's document model, for what the fast
 * paths do not read (anchors, aliases, tags, merge keys, tabs) and for every document they refuse, with every
 * defence: nesting depth, value sizes, duplicate and complex keys, alias cycles and alias bombs.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { messageOf } from '../errors';
import { LIMITS } from './limits';
import { duplicateKey, firstMessageLine, tooDeep, tooLarge, type ReadDocument, type Report } from './parse-problems';

/** The careful path: the `yaml` document model, with every defence. */
export function carefulDocument(text: string, firstLine: number, report: Report): ReadDocument | undefined {
  const lineCounter = new LineCounter();
  const lineOf = (offset: number | undefined) => firstLine - 1 + lineCounter.linePos(offset ?? 0).line;
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false, // duplicates are found (and worded, with both lines) by inspect()
      merge: true, // `<<` merge keys, the YAML 1.1-ism kubectl (go-yaml) accepts
      resolveKnownTags: false, // !!binary, !!timestamp, !!set: their text, as plain values
    }) as Document.Parsed[];
  } catch (error) {
    if (error instanceof RangeError) report(firstLine, tooDeep());
    else report(firstLine, `malformed YAML: ${firstMessageLine(messageOf(error))}`);
    return undefined;
  }
  if (!Array.isArray(documents)) documents = [];
  let result: ReadDocument | undefined;
  for (const doc of documents) {
    const line = lineOf(doc.contents?.range?.[0] ?? doc.range[0]);
    const error = doc.errors[0];
    if (error) {
      const at = lineOf(error.pos[0]);
      if (error.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(error.message)) report(at, tooDeep());
      else report(at, `malformed YAML: ${firstMessageLine(error.message)}`);
      continue;
    }
    if (doc.contents === null) continue;
    if (!inspect(doc, lineOf, report)) continue;
    try {
      result = { value: doc.toJS({ maxAliasCount: -1 }), line }; // aliases were counted by inspect()
    } catch (caught) {
      if (caught instanceof RangeError) report(line, tooDeep());
      else report(line, `cannot read the document: ${firstMessageLine(messageOf(caught))}`);
    }
  }
  return result;
}

type YamlNode = NonNullable<Document.Parsed['contents']>;

/**
 * Walks a parsed document before it becomes JavaScript: nesting depth, scalar sizes, duplicate and complex keys,
 * aliases (each must follow its anchor, none may sit inside the node it names, and all together may expand to at
 * most LIMITS.aliasNodes nodes). False when it reported a problem.
 */
function inspect(doc: Document.Parsed, lineOf: (offset: number | undefined) => number, report: Report): boolean {
  let ok = true;
  let stop = false;
  let expanded = 0;
  const anchors = new Map<string, YamlNode>();
  const open = new Set<unknown>();
  const sizes = new Map<unknown, number>();
  const where = (node: unknown) => lineOf((node as { range?: [number, number, number] }).range?.[0]);
  const fail = (node: unknown, message: string, fatal = false) => {
    report(where(node), message);
    ok = false;
    stop ||= fatal;
  };
  const sizeOf = (node: unknown): number => {
    if (!node || isScalar(node)) return 1;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return target ? sizeOf(target) : 1;
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // a cycle counts once
    let size = 1;
    if (isCollection(node)) {
      for (const item of node.items as unknown[]) {
        size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
        if (size > LIMITS.aliasNodes) break;
      }
    }
    sizes.set(node, size);
    return size;
  };
  const walk = (node: unknown, depth: number): void => {
    if (stop || !node) return;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as YamlNode);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) return fail(node, `the alias *${node.source} names no anchor before it`);
      if (open.has(target)) return fail(node, `the alias *${node.source} is inside the node it names (a cycle)`, true);
      expanded += sizeOf(target);
      if (expanded > LIMITS.aliasNodes) {
        fail(doc.contents, `the alias expansion of this document exceeds the limit of ${LIMITS.aliasNodes} nodes per document ` +
          '(an alias bomb: resource exhaustion); write the values out', true);
      }
      return;
    }
    if (isScalar(node)) {
      if (typeof node.value === 'string' && node.value.length > LIMITS.scalarBytes) fail(node, tooLarge(node.value.length));
      return;
    }
    if (!isCollection(node)) return;
    if (depth >= LIMITS.depth) return fail(node, tooDeep(), true);
    open.add(node);
    const keys = isMap(node) ? new Map<string, number>() : undefined;
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        walk(item, depth + 1);
        continue;
      }
      const key = item.key as unknown;
      if (keys && isScalar(key) && key.value !== '<<' && key.value !== null) {
        const name = String(key.value);
        const before = keys.get(name);
        if (before !== undefined) fail(key, duplicateKey(name, before));
        else keys.set(name, where(key));
      } else if (isCollection(key)) {
        fail(key, `a key that is a ${isMap(key) ? 'mapping' : 'sequence'}; kubectl accepts only scalar keys`);
      }
      walk(key, depth + 1);
      walk(item.value, depth + 1);
    }
    open.delete(node);
  };
  walk(doc.contents, 0);
  return ok;
}
