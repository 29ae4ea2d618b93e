/**
 * The scalars of the block subset reader (parse-block.ts) that are not plain: quoted ones on one line, with the
 * `yaml` package's escapes (compose/resolve-flow-scalar), and literal and folded block scalars, the way
 * the `yaml` package's lexer delimits them and its resolver (compose/resolve-block-scalar) builds their value:
 * the content is every line up to the first non-blank one indented less than the first, less that indentation;
 * a literal scalar keeps its line breaks, a folded one joins lines with a space and makes each blank line a
 * break. Only the common shape is taken; the rest is declined (undefined) for the other readers: keep chomping
 * (`+`), indentation indicators, content not deeper than its collection, blank lines with more spaces than the
 * content's indentation, and folded lines indented further than the first (which fold by other rules).
 */

const SPACE = 32;
const HASH = 35;
const SQUOTE = 39;

/** A block scalar's value and the end of its last line (its newline, or the text's end). */
export interface BlockScalar {
  value: string;
  end: number;
}

/**
 * The block scalar whose header starts at `at` (a `|` or `>`) on the line ending at `lineEnd`, the value of a
 * node in a collection whose entries are at column `parent`; undefined when it is outside the subset, or when its
 * text would exceed `limit` characters.
 */
export function blockScalar(
  text: string, at: number, lineEnd: number, parent: number, limit: number,
): BlockScalar | undefined {
  if (parent < 0) return undefined; // a document that is a block scalar
  const folded = text.charCodeAt(at) === 62;
  let header = at + 1;
  const strip = text.charCodeAt(header) === 45;
  if (strip) header++;
  let rest = header;
  while (text.charCodeAt(rest) === SPACE) rest++;
  if (rest < lineEnd && (rest === header || text.charCodeAt(rest) !== HASH)) return undefined;

  // The lines: blank ones as null, the others as their text after `indent` spaces.
  const lines: Array<string | null> = [];
  let indent = -1;
  let end = lineEnd;
  let blankSpaces = 0; // the most spaces of a blank line
  let size = 0;
  for (let pos = lineEnd + 1; pos < text.length;) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    let first = pos;
    while (text.charCodeAt(first) === SPACE) first++;
    if (first === next) {
      blankSpaces = Math.max(blankSpaces, first - pos);
      lines.push(null);
    } else {
      if (indent < 0) {
        indent = first - pos;
        if (indent <= parent) return undefined; // an empty scalar: the line is the next node's
      }
      if (first - pos < indent) break;
      if (folded && first - pos > indent) return undefined;
      size += next - pos - indent;
      if (size > limit) return undefined;
      lines.push(text.slice(pos + indent, next));
      end = next;
    }
    pos = next + 1;
  }
  if (indent < 0 || blankSpaces > indent) return undefined;
  while (lines.length > 0 && lines[lines.length - 1] === null) lines.pop(); // chomped, or the next node's
  const value = folded ? fold(lines) : lines.map((line) => line ?? '').join('\n');
  return { value: strip ? value : `${value}\n`, end };
}

/** Folded lines as the `yaml` package joins them: a space between text lines, a break for each blank line. */
function fold(lines: Array<string | null>): string {
  let value = '';
  let sep = '';
  let leading = true;
  for (const line of lines) {
    if (line === null) {
      if (leading) value += '\n';
      else if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + line;
      sep = ' ';
      leading = false;
    }
  }
  return value;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0',
  L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The value of the quoted scalar from `open` to `close` (its quotes) on one line; undefined for an unusual escape. */
export function quoted(text: string, open: number, close: number): string | undefined {
  const body = text.slice(open + 1, close);
  if (text.charCodeAt(open) === SQUOTE) return body.includes("''") ? body.replace(/''/g, "'") : body;
  if (!body.includes('\\')) return body;
  let value = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = body[++i];
    const digits = HEX_DIGITS[next];
    if (digits === undefined) {
      const escaped = ESCAPES[next];
      if (escaped === undefined) return undefined;
      value += escaped;
      continue;
    }
    const hex = body.slice(i + 1, i + 1 + digits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    value += String.fromCodePoint(code);
    i += digits;
  }
  return value;
}
