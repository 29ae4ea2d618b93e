/**
 * YAML for the manifests `create` prints, without loading the yaml package when it is not needed: the package's
 * first stringify costs a `create` more start-up time than everything else it does (its 70 modules, then its
 * document model). `plainYaml` writes the common shape by hand (maps, lists, names, integers, booleans) exactly as
 * `stringify(value, { lineWidth: 0 })` writes it, and declines anything else, which then goes to the package.
 * test/output/manifest-yaml.test.ts holds the two byte for byte to each other.
 */

type PlainMap = Record<string, unknown>;

/**
 * A string the package writes unquoted: a letter, then letters, digits and `.`, `_`, `/`, `-`. Of those, only
 * the core schema's null and booleans would read back as something else (the package quotes them).
 */
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const RESERVED = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** Declines: the value is outside what plainYaml writes by hand. */
class Decline extends Error {}

/** `value` as `stringify(value, { lineWidth: 0 })` writes it, or undefined when the yaml package must do it. */
export function plainYaml(value: unknown): string | undefined {
  if (!isMap(value)) return undefined;
  try {
    const lines: string[] = [];
    writeMap(value, '', lines, new Set());
    return lines.length === 0 ? undefined : `${lines.join('\n')}\n`;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/** The manifest as YAML: by hand when plainYaml can, else by the yaml package (loaded only then). */
export function manifestYaml(value: unknown): string {
  return plainYaml(value) ?? (require('yaml') as typeof import('yaml')).stringify(value, { lineWidth: 0 });
}

function isMap(value: unknown): value is PlainMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The pairs of `map` at `indent`; the first line may already carry a prefix (a list item's "- "). */
function writeMap(map: PlainMap, indent: string, lines: string[], seen: Set<object>, first = indent): void {
  enter(map, seen);
  let prefix = first;
  for (const key of Object.keys(map)) {
    writeEntry(`${prefix}${scalar(key)}:`, map[key], `${indent}  `, lines, seen);
    prefix = indent;
  }
}

function writeEntry(head: string, value: unknown, inner: string, lines: string[], seen: Set<object>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(`${head} []`);
    lines.push(head);
    return writeList(value, inner, lines, seen);
  }
  if (isMap(value)) {
    if (Object.keys(value).length === 0) return void lines.push(`${head} {}`);
    lines.push(head);
    return writeMap(value, inner, lines, seen);
  }
  lines.push(`${head} ${scalar(value)}`);
}

/** A block list at `indent` (the package indents a list under its key). */
function writeList(list: unknown[], indent: string, lines: string[], seen: Set<object>): void {
  enter(list, seen);
  for (const item of list) {
    // A list or an empty map as an item has forms of its own in the package: left to it.
    if (Array.isArray(item)) throw new Decline();
    if (isMap(item)) {
      if (Object.keys(item).length === 0) throw new Decline();
      writeMap(item, `${indent}  `, lines, seen, `${indent}- `);
    } else {
      lines.push(`${indent}- ${scalar(item)}`);
    }
  }
}

/** An object met twice becomes an anchor and an alias in the package's output: left to it. */
function enter(value: object, seen: Set<object>): void {
  if (seen.has(value)) throw new Decline();
  seen.add(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'string' && PLAIN.test(value) && !RESERVED.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new Decline();
}
