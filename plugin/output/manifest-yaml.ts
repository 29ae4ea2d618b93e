/**
 * YAML without the yaml package where the value is plain, for the manifests `create` prints (the package's first
 * stringify costs a `create` more start-up time than everything else it does: its 70 modules, then its document
 * model) and for the reports `check -o yaml` and `-o policyreport` write (the package's document model takes about
 * a millisecond a project). `plainYaml` writes the common shape by hand (maps, lists, names, sentences, messages in
 * double quotes, integers, booleans) exactly as `stringify(value, { lineWidth: 0 })` writes it (with
 * `aliasDuplicateObjects: false` when asked), and declines anything else, which then goes to the package.
 * test/output/manifest-yaml.test.ts holds the two byte for byte to each other.
 */

type PlainMap = Record<string, unknown>;

/**
 * A string the package writes unquoted: a letter, then letters, digits and `.`, `_`, `/`, `-`. Of those, only
 * the core schema's null and booleans would read back as something else (the package quotes them).
 */
const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const RESERVED = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/**
 * A value (not a key) the package writes unquoted although it holds spaces and punctuation: printable ASCII that
 * starts with a letter or digit and ends with neither a space nor a colon, with no `: ` (a key) and no ` #` (a
 * comment). Such text is never a number, boolean or null of the core schema, which hold no space; one without a
 * space is held to PLAIN.
 */
const SENTENCE = /^[A-Za-z0-9][ -~]*[!-9;-~]$/;
/**
 * Text that cannot be plain YAML (empty, a space at either end, a `: ` or ` #` inside), which the package writes in
 * double quotes, escaped as JSON escapes it, when it is printable ASCII without a `"` (with one it prefers single quotes).
 */
const PRINTABLE = /^[ !#-~]*$/;
const NEVER_PLAIN = /^$|^ | $|: | #/;

/** Declines: the value is outside what plainYaml writes by hand. */
class Decline extends Error {}

/**
 * `value` as `stringify(value, { lineWidth: 0 })` writes it, or undefined when the yaml package must do it.
 * `aliases: false`: as it writes with `aliasDuplicateObjects: false` (an object met twice is written twice).
 */
export function plainYaml(value: unknown, { aliases = true }: { aliases?: boolean } = {}): string | undefined {
  if (!isMap(value)) return undefined;
  try {
    const lines: string[] = [];
    writeMap(value, '', lines, aliases ? new Set() : undefined);
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
function writeMap(map: PlainMap, indent: string, lines: string[], seen: Set<object> | undefined, first = indent): void {
  enter(map, seen);
  let prefix = first;
  for (const key of Object.keys(map)) {
    writeEntry(`${prefix}${scalar(key, true)}:`, map[key], `${indent}  `, lines, seen);
    prefix = indent;
  }
}

function writeEntry(head: string, value: unknown, inner: string, lines: string[], seen: Set<object> | undefined): void {
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
function writeList(list: unknown[], indent: string, lines: string[], seen: Set<object> | undefined): void {
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

/** An object met twice becomes an anchor and an alias in the package's output (unless `aliases: false`): left to it. */
function enter(value: object, seen: Set<object> | undefined): void {
  if (!seen) return;
  if (seen.has(value)) throw new Decline();
  seen.add(value);
}

function scalar(value: unknown, key = false): string {
  if (typeof value === 'string' && PLAIN.test(value) && !RESERVED.test(value)) return value;
  if (!key && typeof value === 'string') {
    // Text that would read back as null, a boolean or an integer (a condition's status "True", a line "12"), in
    // double quotes.
    if (RESERVED.test(value) || /^[0-9]+$/.test(value)) return `"${value}"`;
    if (NEVER_PLAIN.test(value)) {
      if (PRINTABLE.test(value)) return JSON.stringify(value);
    } else if (value.includes(' ') && SENTENCE.test(value)) return value;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new Decline();
}
