/**
 * The fast path of parseManifests for plain manifests. The `yaml` package's document model, which the careful
 * path needs for line numbers and its defences against hostile input, costs about 1 s for 10,000 projects
 * (30,000 documents), most of `check`'s time; js-yaml reads the same text about 8 times faster. This path
 * only takes texts in which none of that can happen: no anchors or aliases (so no alias bombs), no tags or
 * directives, no merge or complex keys, no tabs, carriage returns or byte-order marks, and only bare `---`
 * lines between documents (so each document's first line is found from the text). Plain scalars are resolved
 * with the `yaml` package's own core-schema rules, so values are exactly those of the careful path. Any
 * text outside that, any js-yaml error, and any result near the careful path's limits returns undefined,
 * and the careful path decides (and words the error).
 */
import { FAILSAFE_SCHEMA, load, Type, type Schema } from 'js-yaml';
import { Document, isScalar } from 'yaml';

/** A document's value and the 1-based line of its first content line. */
export interface PlainDocument {
  value: unknown;
  line: number;
}

// Anchors/aliases (& *), tags (!), directives (%), tabs, CR, BOM, merge keys, complex keys (?), null keys,
// document-end markers and document markers followed by content.
const UNUSUAL = /[&*!%\t\r\uFEFF]|<<|^[ \t-]*\?(?:[ \t]|$)|^[ \t-]*(?:~|null|Null|NULL)?:(?:[ \t]|$)|^---[ \t]*[^ \t\n]|^\.\.\./m;
const MARKER = /^---[ \t]*$/;
const CONTENT = /^[ \t]*[^ \t#]/;
// Well inside the careful path's limits (200 levels, 1 MiB scalars): deeper or longer results go there.
const MAX_DEPTH = 64;
const MAX_STRING = 64 * 1024;

let schema: Schema | undefined;

/** js-yaml's failsafe schema plus the plain-scalar rules of the `yaml` package's core schema, in its order. */
function coreSchema(): Schema {
  const tags = new Document(null, { schema: 'core' }).schema.tags
    .filter((tag) => tag.default === true && tag.test instanceof RegExp);
  const implicit = tags.map((tag, i) => {
    const resolve = tag.resolve as unknown as (source: string, onError: () => void, options: object) => unknown;
    return new Type(`tag:kubectl-iot,core:${i}`, {
      kind: 'scalar',
      resolve: (data: unknown) => typeof data === 'string' && (tag.test as RegExp).test(data),
      construct: (data: string) => {
        const value = resolve(data, () => undefined, {});
        return isScalar(value) ? value.value : value;
      },
    });
  });
  return FAILSAFE_SCHEMA.extend({ implicit });
}

/** Every document of `text` with its line, or undefined when the careful path must read it. */
export function plainDocuments(text: string): PlainDocument[] | undefined {
  if (UNUSUAL.test(text)) return undefined;
  schema ??= coreSchema();
  const lines = text.split('\n');
  const documents: PlainDocument[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !MARKER.test(lines[i])) continue;
    const first = lines.slice(start, i).findIndex((line) => CONTENT.test(line));
    if (first >= 0) {
      let value: unknown;
      try {
        value = load(lines.slice(start, i).join('\n'), { schema, json: true });
      } catch {
        return undefined;
      }
      if (!withinLimits(value, 0)) return undefined;
      documents.push({ value, line: start + first + 1 });
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
