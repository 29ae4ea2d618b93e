/**
 * Reads YAML and JSON manifests into Kubernetes objects with the line each starts at, and fails closed: binary or
 * non-UTF-8 content, documents that are not objects, objects without apiVersion, kind or metadata.name, duplicate
 * keys and anything over the limits (limits.ts) are problems, every one of them reported with file and line.
 *
 * A text is split into its documents at `---` and `...` lines (YAML forbids both inside a document), and each
 * document takes one of three readers: JSON.parse for a JSON document, js-yaml for a plain YAML one (the fast
 * path, parse-fast.ts), and the `yaml` package's document model (the careful path) for the rest: anchors,
 * aliases, tags, merge keys, tabs, and every document the others refuse, so that errors are worded by one reader.
 * All three give the same values (differential tests in test/gitops/parse-fast.test.ts).
 */
import { escapeControls } from '../output/sanitize';
import { isUtf8 } from 'node:buffer';
import { isAlias, isCollection, isMap, isPair, isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { InputError, messageOf } from '../errors';
import type { KubeObject } from '../model/kinds';
import { fileTooLarge, formatBytes, LIMITS } from './limits';
import { firstContentLine, plainDocument } from './parse-fast';

export { LIMITS } from './limits';

/** One Kubernetes object read from a file, with the 1-based line of its document's first content line. */
export interface ParsedObject {
  object: KubeObject;
  line: number;
}

/** Something wrong with the input: `FILE:LINE: message`, or `FILE: message` when no content was read. */
export interface Problem {
  file: string;
  line?: number;
  message: string;
}

export interface ReadResult {
  objects: ParsedObject[];
  problems: Problem[];
}

export interface ReadManifestOptions {
  /** Check that every document is a Kubernetes object (default); false: only syntax and limits (a kustomization). */
  objects?: boolean;
  /** Read every document with the careful path (the differential tests compare the readers). */
  careful?: boolean;
}

export function formatProblem(problem: Problem): string {
  // The file name and the parser's message can quote the input: its control characters are shown escaped.
  const text = problem.line === undefined ? `${problem.file}: ${problem.message}` : `${problem.file}:${problem.line}: ${problem.message}`;
  return escapeControls(text);
}

/** Reads every document of a file's content (bytes, or text already decoded); `file` names it in problems. */
export function readManifests(data: string | Uint8Array, file: string, options: ReadManifestOptions = {}): ReadResult {
  const objects: ParsedObject[] = [];
  const problems: Problem[] = [];
  const report = (line: number | undefined, message: string) => problems.push({ file, line, message });
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size > LIMITS.fileBytes) {
    report(undefined, fileTooLarge(size));
    return { objects, problems };
  }
  const decoded = decode(data);
  if ('problem' in decoded) {
    report(decoded.line, decoded.problem);
    return { objects, problems };
  }
  const { text } = decoded;
  const beyond = lineOfMarker(text, LIMITS.documents);
  if (beyond !== undefined) {
    report(beyond, `the file exceeds the limit of ${LIMITS.documents} documents per file (document ${LIMITS.documents + 1} starts here); split it`);
    return { objects, problems };
  }
  for (const chunk of splitDocuments(text)) {
    const document = readDocument(chunk.text, chunk.line, options, report);
    if (document && options.objects !== false) {
      for (const object of kubernetesObjects(document.value, (message) => report(document.line, message))) {
        objects.push({ object, line: document.line });
      }
    }
  }
  return { objects, problems };
}

/** readManifests that throws every problem (one line each) as an InputError. */
export function parseManifests(text: string | Uint8Array, file: string): ParsedObject[] {
  return orThrow(readManifests(text, file));
}

/** parseManifests with every document on the careful path (exported for tests). */
export function parseCarefully(text: string | Uint8Array, file: string): ParsedObject[] {
  return orThrow(readManifests(text, file, { careful: true }));
}

function orThrow({ objects, problems }: ReadResult): ParsedObject[] {
  if (problems.length > 0) throw new InputError(problems.map(formatProblem));
  return objects;
}

// ---- bytes to text --------------------------------------------------------------------------------------------

const MAGIC: Array<[string, number[]]> = [
  ['gzip-compressed data', [0x1f, 0x8b]],
  ['xz-compressed data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd-compressed data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];
const NOT_A_MANIFEST = 'not a YAML or JSON manifest';
// Characters YAML does not allow in a stream (outside c-printable): C0 controls but tab, LF and CR, DEL, C1 but NEL.
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** The text of a file: a UTF-8 (or, as kubectl reads it, BOM-marked UTF-16) manifest, CRLF turned into LF. */
function decode(data: string | Uint8Array): { text: string } | { line: number; problem: string } {
  let text: string;
  if (typeof data === 'string') {
    text = data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
  } else {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : undefined;
    if (utf16) {
      const body = Buffer.from(bytes.subarray(2));
      try {
        if (utf16 === 'be') body.swap16(); // throws on an odd length
        text = new TextDecoder('utf-16le', { fatal: true }).decode(body);
      } catch {
        return { line: 1, problem: `invalid UTF-16 after a UTF-16 byte-order mark; ${NOT_A_MANIFEST}` };
      }
    } else {
      const magic = MAGIC.find(([, prefix]) => prefix.every((byte, i) => bytes[i] === byte));
      if (magic) return { line: 1, problem: `${magic[0]}, ${NOT_A_MANIFEST}` };
      const nul = bytes.indexOf(0);
      if (nul >= 0) return { line: lineAtByte(bytes, nul), problem: `binary content (a NUL byte), ${NOT_A_MANIFEST}` };
      if (!isUtf8(bytes)) {
        const at = firstInvalidUtf8(bytes);
        return {
          line: lineAtByte(bytes, at),
          problem: `invalid UTF-8 (byte 0x${bytes[at].toString(16).padStart(2, '0')}); manifests must be UTF-8 text`,
        };
      }
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      text = bytes.toString('utf8', bom ? 3 : 0);
    }
  }
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const line = lineAtOffset(text, control.index);
    if (code === 0) return { line, problem: `binary content (a NUL byte), ${NOT_A_MANIFEST}` };
    return { line, problem: `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) that YAML does not allow; is it a binary file?` };
  }
  return { text: text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text };
}

function lineAtByte(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The offset of the first byte that is not part of well-formed UTF-8 (the text is known to have one). */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const more = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (more < 0 || i + more >= bytes.length) return i;
    for (let k = 1; k <= more; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const next = bytes[i + 1];
    if ((b === 0xe0 && next < 0xa0) || (b === 0xed && next > 0x9f) || (b === 0xf0 && next < 0x90) || (b === 0xf4 && next > 0x8f)) {
      return i;
    }
    i += more + 1;
  }
  return Math.max(bytes.length - 1, 0);
}

// ---- text to documents ----------------------------------------------------------------------------------------

const DIRECTIVES_END = /^---(?:[ \t]|$)/gm;

/** The line of the document marker after the first `count` ones, when there is one (too many documents). */
function lineOfMarker(text: string, count: number): number | undefined {
  DIRECTIVES_END.lastIndex = 0;
  let seen = 0;
  for (let found = DIRECTIVES_END.exec(text); found; found = DIRECTIVES_END.exec(text)) {
    if (++seen > count) return lineAtOffset(text, found.index);
  }
  return undefined;
}

interface Chunk {
  text: string;
  /** The 1-based line of its first line. */
  line: number;
}

/**
 * The documents of a YAML stream, as texts: a `---` line starts one (with the comments and directives before it),
 * a `...` line ends one. YAML forbids both at the start of a line inside a document, so this is the split the
 * parser itself makes; reading one document at a time keeps the memory of the careful path to one document's.
 */
function* splitDocuments(text: string): Generator<Chunk> {
  let start = 0;
  let startLine = 1;
  // Only comments, blank lines and directives so far: a `---` line starts this document instead of a new one.
  let prelude = true;
  let line = 1;
  for (let pos = 0; ; line++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (isMarker(text, pos, end, '-')) {
      if (!prelude) {
        yield { text: text.slice(start, pos), line: startLine };
        start = pos;
        startLine = line;
      }
      prelude = false;
    } else if (isMarker(text, pos, end, '.')) {
      yield { text: text.slice(start, end), line: startLine };
      start = end + 1;
      startLine = line + 1;
      prelude = true;
    } else if (prelude && !isPrelude(text, pos, end)) {
      prelude = false;
    }
    if (end >= text.length) break;
    pos = end + 1;
  }
  if (start < text.length) yield { text: text.slice(start), line: startLine };
}

function isMarker(text: string, pos: number, end: number, char: '-' | '.'): boolean {
  if (end - pos < 3 || text[pos] !== char || text[pos + 1] !== char || text[pos + 2] !== char) return false;
  return end === pos + 3 || text[pos + 3] === ' ' || text[pos + 3] === '\t';
}

/** A blank line, a comment or a directive: what may come before a document's `---`. */
function isPrelude(text: string, pos: number, end: number): boolean {
  if (text[pos] === '%') return true;
  let i = pos;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i === end || text[i] === '#';
}

// ---- one document ---------------------------------------------------------------------------------------------

type Report = (line: number | undefined, message: string) => void;

interface ReadDocument {
  value: unknown;
  line: number;
}

/** One document's value and line, or undefined when it is empty or has problems (reported). */
function readDocument(text: string, firstLine: number, options: ReadManifestOptions, report: Report): ReadDocument | undefined {
  const content = firstContentLine(text);
  if (content < 0) return undefined; // empty, or only comments
  const line = firstLine + content;
  const bytes = text.length * 3 > LIMITS.documentBytes ? Buffer.byteLength(text) : text.length;
  if (bytes > LIMITS.documentBytes) {
    report(line, `a document of ${bytes} bytes exceeds the limit of ${formatBytes(LIMITS.documentBytes)} per document ` +
      '(the most the API server accepts); split it');
    return undefined;
  }
  let failure: { line: number; reason: string } | undefined;
  if (!options.careful) {
    const json = jsonDocument(text, firstLine, content, report);
    if (json === null) return undefined;
    if (json) return json;
    const plain = plainDocument(text, firstLine);
    if (plain && 'value' in plain) return plain;
    failure = plain?.failed;
  }
  if (tokens(text) > LIMITS.carefulTokens) {
    if (failure) report(failure.line, `malformed YAML: ${failure.reason}`);
    else {
      report(line, `a document with anchors, aliases, tags, merge keys or tabs exceeds the limit of ${LIMITS.carefulTokens} ` +
        'lines and values for such a document (it is read with every check); split it, or write it without them');
    }
    return undefined;
  }
  return carefulDocument(text, firstLine, report);
}

/** Lines, commas, colons and opening brackets: about the number of nodes the careful path would build. */
function tokens(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 58 || c === 91 || c === 123) count++;
  }
  return count;
}

/**
 * A document that is JSON (JSON is YAML, read much faster by JSON.parse): its value; null when it has problems
 * (reported); undefined when it is not JSON.
 */
function jsonDocument(text: string, firstLine: number, content: number, report: Report): ReadDocument | null | undefined {
  let start = 0;
  for (let i = 0; i < content; i++) start = text.indexOf('\n', start) + 1;
  let first = start;
  while (text[first] === ' ' || text[first] === '\t') first++;
  if (text[first] !== '{' && text[first] !== '[') return undefined;
  const body = text.slice(start);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const line = firstLine + content;
  return scanJson(body, line, report) ? { value, line } : null;
}

/**
 * Checks what JSON.parse lets through: duplicate keys (JSON.parse keeps the last), nesting and value sizes, with the
 * line of each. `text` is valid JSON, so strings never hold a raw newline.
 */
function scanJson(text: string, firstLine: number, report: Report): boolean {
  let ok = true;
  let line = firstLine;
  const keys: Array<Map<string, number> | undefined> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 123 || c === 91) {
      keys.push(c === 123 ? new Map() : undefined);
      expectKey = c === 123;
      if (keys.length > LIMITS.depth) {
        report(line, tooDeep());
        return false;
      }
    } else if (c === 125 || c === 93) keys.pop();
    else if (c === 44) expectKey = keys[keys.length - 1] !== undefined;
    else if (c === 34) {
      let end = i + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d === 92) {
          end++;
          escaped = true;
        } else if (d === 34) break;
      }
      const raw = text.slice(i + 1, end);
      if (raw.length > LIMITS.scalarBytes) {
        report(line, tooLarge(raw.length));
        ok = false;
      }
      const map = keys[keys.length - 1];
      if (expectKey && map) {
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        const before = map.get(key);
        if (before !== undefined) {
          report(line, duplicateKey(key, before));
          ok = false;
        } else map.set(key, line);
        expectKey = false;
      }
      i = end;
    }
  }
  return ok;
}

/** The careful path: the `yaml` document model, with every defence. */
function carefulDocument(text: string, firstLine: number, report: Report): ReadDocument | undefined {
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

function tooDeep(): string {
  return `nesting deeper than allowed: exceeds the limit of ${LIMITS.depth} nested mappings and sequences; flatten the data`;
}

function tooLarge(length: number): string {
  return `a value of ${length} characters exceeds the limit of ${formatBytes(LIMITS.scalarBytes)} per value; ` +
    'keep large data out of manifests';
}

function duplicateKey(name: string, firstLine: number): string {
  const shown = name.length > 60 ? `${name.slice(0, 60)}...` : name;
  return `duplicate key ${JSON.stringify(shown)} (first at line ${firstLine}); kubectl and kustomize reject duplicate keys`;
}

function firstMessageLine(text: string): string {
  return text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

// ---- documents to objects -------------------------------------------------------------------------------------

/**
 * The Kubernetes objects of a document: the object itself, or the items of a List (`kind: List` or `*List` with
 * `items`, flattened as kubectl does). A mapping with none of apiVersion, kind and metadata is not meant as an
 * object (a Helm values file, say) and is skipped; anything else that is not a complete object is a problem.
 */
function kubernetesObjects(value: unknown, report: (message: string) => void, item?: string): KubeObject[] {
  const what = item ?? 'the document';
  const at = item ? `${item}: ` : '';
  if (value === null || value === undefined) {
    if (item) report(`${item} is empty, not a Kubernetes object`);
    return [];
  }
  if (!isObject(value)) {
    report(`${what} is ${describe(value)}, not a mapping (a Kubernetes object)`);
    return [];
  }
  const shaped = 'apiVersion' in value || 'kind' in value || 'metadata' in value;
  if (!shaped && !item) return [];
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
