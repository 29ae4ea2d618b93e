/**
 * The fast path of the manifest reader for plain documents. The `yaml` package's document model, which the careful
 * path needs for line numbers and its defences against hostile input, costs about 1 s for 10,000 projects
 * (30,000 documents), most of `check`'s time; js-yaml reads the same text about 8 times faster, and the block
 * subset reader (parse-block.ts), tried first, about 3 times faster again. Where that declines, js-yaml only takes
 * documents in which none of that can happen: no anchors, aliases or tags at the start of a node (so no
 * alias bombs), no directives, no merge or complex keys, no tabs, carriage returns or byte-order marks (the reader
 * has already turned CRLF into LF and dropped a leading BOM), no document-end marker. Duplicate keys make js-yaml
 * throw (it is not given `json: true`, which would let the last one win), so they reach the careful path too. Plain
 * scalars are resolved with the `yaml` package's own core-schema rules, so values are exactly those of the careful
 * path. Any document outside that, any js-yaml error, and any result near the careful path's limits goes to the
 * careful path, which decides (and words the error). The scalar rules are parse-scalar.ts's.
 */
import { FAILSAFE_SCHEMA, load, Type, YAMLException, type Schema as JsYamlSchema } from 'js-yaml';
import { blockDocument } from './parse-block';
import { coreTags, resolveTag } from './parse-scalar';

/** A document's value and the 1-based line of its first content line. */
export interface PlainDocument {
  value: unknown;
  line: number;
}

/** js-yaml refused the document: where and why (the careful path words it; this is its fallback). */
export interface PlainFailure {
  failed: { line: number; reason: string };
}

// Anchors, aliases and tags where a node starts (after a space, a flow indicator or a colon, or at a line's start:
// `a & b` or `"x*"` are plain text, but taking them too is only slower), directives, tabs, CR, BOM, merge keys,
// complex keys (?), null keys, document markers followed by content, document-end markers, and a `-` with nothing
// after it on its line: js-yaml puts an item after such an empty one into the wrong sequence (`-\n  - x\n  -\n- y`
// is [[x, null], y], js-yaml reads [[x, null, y]]; test/gitops/parse-block-random.test.ts found it).
const UNUSUAL = /(?:^|[\s[\]{},:])[&*!]|^%|[\t\r\uFEFF]|<<|^[ \t-]*\?(?:[ \t]|$)|^[ \t-]*(?:~|null|Null|NULL)?:(?:[ \t]|$)|^---[ \t]*[^ \t\n]|^\.\.\.|^[ \t]*-[ \t]*(?:#.*)?$/m;
const MARKER = /^---[ \t]*$/;
const CONTENT = /^[ \t]*[^ \t#]/;
// The first line that is neither blank, a comment nor a bare `---` marker.
const FIRST_CONTENT = /^(?!---[ \t]*$)[ \t]*[^ \t#\n]/m;
// Well inside the careful path's limits (200 levels, 1 MiB scalars): deeper or longer results go there.
const MAX_DEPTH = 64;
const MAX_STRING = 64 * 1024;

let schema: JsYamlSchema | undefined;

/** js-yaml's failsafe schema plus the plain-scalar rules of the `yaml` package's core schema, in its order. */
function coreSchema(): JsYamlSchema {
  const implicit = coreTags().map((tag, i) =>
    new Type(`tag:kubectl-iot,core:${i}`, {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && tag.test.test(data),
      construct: (data: string) => resolveTag(tag, data),
    }));
  return FAILSAFE_SCHEMA.extend({ implicit });
}

/**
 * One document (the text between two `---` lines, without them) whose first line is line `firstLine` of its file:
 * its value, or a failure js-yaml reported, or undefined when the careful path must read it.
 */
export function plainDocument(text: string, firstLine = 1): PlainDocument | PlainFailure | undefined {
  const block = blockDocument(text);
  if (block) return { value: block.value, line: firstLine + Math.max(firstContentLine(text), 0) };
  return jsYamlDocument(text, firstLine);
}

/** plainDocument without the block subset reader: js-yaml, or undefined (exported for the differential tests). */
export function jsYamlDocument(text: string, firstLine = 1): PlainDocument | PlainFailure | undefined {
  if (UNUSUAL.test(text)) return undefined;
  schema ??= coreSchema();
  let value: unknown;
  try {
    value = load(text, { schema });
  } catch (error) {
    if (error instanceof YAMLException) {
      return { failed: { line: firstLine + (error.mark?.line ?? 0), reason: error.reason } };
    }
    return undefined; // a stack overflow on deep nesting, say: the careful path has the defences
  }
  if (!withinLimits(value, 0)) return undefined;
  return { value, line: firstLine + Math.max(firstContentLine(text), 0) };
}

/** The 0-based line of a text's first line that is neither blank, a comment nor `---` (-1 when there is none). */
export function firstContentLine(text: string): number {
  const found = FIRST_CONTENT.exec(text);
  if (!found) return -1;
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < found.index; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Every document of `text` with its line, or undefined when the careful path must read any of them. */
export function plainDocuments(text: string): PlainDocument[] | undefined {
  const lines = text.split('\n');
  const documents: PlainDocument[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !MARKER.test(lines[i])) continue;
    const body = lines.slice(start, i);
    if (body.some((line) => CONTENT.test(line))) {
      const document = plainDocument(body.join('\n'), start + 1);
      if (!document || 'failed' in document) return undefined;
      documents.push(document);
    }
    start = i + 1;
  }
  return documents;
}

function withinLimits(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length <= MAX_STRING;
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.every((child) => withinLimits(child, depth + 1));
}
