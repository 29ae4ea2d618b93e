/**
 * The first reader of the fast path (parse-fast.ts): a hand-written parser for the strict subset of block YAML that
 * GitOps manifests almost always are, about three times cheaper than js-yaml on them. It reads block mappings and
 * sequences by indentation (`- key: value` compact mappings and sequences at their key's indentation included),
 * plain scalars, single- and double-quoted scalars on one line, literal and folded block scalars in their common
 * shape (parse-block-scalar.ts), empty `{}` and `[]`, and comments. A document with anything else (multi-line
 * plain or quoted scalars, other block scalars, flow collections with content, anchors, aliases, tags,
 * directives, tabs, odd indentation, duplicate, null or merge keys, results near the limits) is declined: the
 * function returns undefined and js-yaml reads it as before, so errors, and their wording, never come from here.
 *
 * Values are those of the `yaml` package: plain scalars resolve by its core-schema rules (parse-scalar.ts), keys
 * become strings as its toJS makes them, and the differential tests (test/gitops/parse-block.test.ts) hold it to
 * yaml.parse on every fixture and on generated documents.
 */
import { blockScalar, quoted } from './parse-block-scalar';
import { resolvePlain } from './parse-scalar';

// As parse-fast.ts: deeper or longer results go to the readers with the defences.
const MAX_DEPTH = 64;
const MAX_STRING = 64 * 1024;
// The longest implicit key YAML allows.
const MAX_KEY = 1024;
// Characters this parser never reads: tabs and CR (whitespace rules differ around them), the line separators
// JavaScript's regular expressions (firstContentLine) treat as line ends, and a byte-order mark.
const REFUSED = /[\t\r\u0085\u2028\u2029\uFEFF]/;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
// c-indicator characters, which a plain scalar may not start with (`-`, `?` and `:` only when followed by a space
// or the end: this parser declines those too, but for `-` followed by something else, as in `-1` or `-x`).
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Thrown (and caught below) when the document leaves the subset. */
const DECLINE = new Error('outside the block subset');

/** The value of a document in the block subset; undefined when it is outside (or empty), for the other readers. */
export function blockDocument(text: string): { value: unknown } | undefined {
  if (REFUSED.test(text)) return undefined;
  const parser = new BlockParser(text);
  try {
    if (!parser.start()) return undefined;
    const value = parser.node(-1, 0);
    return parser.done() ? { value } : undefined;
  } catch {
    return undefined; // DECLINE, or anything unforeseen: the other readers decide
  }
}

/**
 * A cursor on the current content line (neither blank nor only a comment): `pos` its start, `end` its end (the
 * newline or the text's end), `indent` its indentation, `at` where the node being read starts on it (after its
 * indentation, or after a `- ` on the same line). `pos` is -1 at the end of the text.
 */
class BlockParser {
  pos = 0;
  end = 0;
  indent = 0;
  at = 0;

  constructor(private readonly text: string) {}

  /**
   * Finds the first content line, past comments and one leading `---` line (only `---` and spaces: after a comment
   * there, firstContentLine would name the marker's line where the careful path names the content's).
   */
  start(): boolean {
    this.end = -1;
    this.next(true);
    const { text, pos } = this;
    if (pos >= 0 && this.indent === 0 && this.isMarker(pos)) {
      if (text.charCodeAt(pos) !== DASH || this.skipSpaces(pos + 3) < this.end) throw DECLINE;
      this.next();
    }
    return this.pos >= 0;
  }

  done(): boolean {
    return this.pos < 0;
  }

  /** Moves to the next content line; a document marker (but a first one) or a directive there leaves the subset. */
  next(first = false): void {
    const { text } = this;
    for (let pos = this.end + 1; pos < text.length;) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const at = this.skipSpaces(pos);
      if (at < end && text.charCodeAt(at) !== HASH) {
        if (at === pos && this.directiveOrMarker(pos) && !(first && this.isMarker(pos))) throw DECLINE;
        this.pos = pos;
        this.end = end;
        this.indent = at - pos;
        this.at = at;
        return;
      }
      pos = end + 1;
    }
    this.pos = -1;
    this.end = text.length;
    this.indent = -1;
  }

  /** The node at `at`, inside a collection indented by `parent` (-1 for the document's root). */
  node(parent: number, depth: number): unknown {
    if (this.isItem(this.at)) return this.sequence(this.at - this.pos, depth);
    const colon = this.keyEnd(this.at);
    if (colon >= 0) return this.mapping(this.at - this.pos, depth, colon);
    return this.scalarLine(parent, depth);
  }

  /** A block mapping whose keys are at column `column`; the first starts at `at` and ends at `colon`. */
  mapping(column: number, depth: number, first: number): Record<string, unknown> {
    if (depth >= MAX_DEPTH) throw DECLINE;
    const map: Record<string, unknown> = {};
    for (let colon = first; ; colon = this.keyEnd(this.at)) {
      if (colon < 0) throw DECLINE;
      const key = this.key(this.at, colon);
      // Also declines keys Object.prototype has (`__proto__`, `constructor`): rare, and they need care.
      if (map[key] !== undefined) throw DECLINE;
      const value = this.skipSpaces(colon + 1);
      if (value < this.end && this.text.charCodeAt(value) !== HASH) {
        this.at = value;
        map[key] = this.scalarLine(column, depth + 1);
      } else {
        this.next();
        if (this.indent > column) map[key] = this.node(column, depth + 1);
        else if (this.indent === column && this.isItem(this.at)) map[key] = this.sequence(column, depth + 1);
        else map[key] = null;
      }
      if (this.indent < column) return map;
      if (this.indent > column) throw DECLINE;
    }
  }

  /** A block sequence whose `-` are at column `column`; the first is at `at`. */
  sequence(column: number, depth: number): unknown[] {
    if (depth >= MAX_DEPTH) throw DECLINE;
    const list: unknown[] = [];
    for (;;) {
      const item = this.skipSpaces(this.at + 1);
      if (item < this.end && this.text.charCodeAt(item) !== HASH) {
        if (this.isItem(item)) throw DECLINE; // `- - x`
        this.at = item;
        const colon = this.keyEnd(item);
        list.push(colon >= 0 ? this.mapping(item - this.pos, depth + 1, colon) : this.scalarLine(column, depth + 1));
      } else {
        this.next();
        list.push(this.indent > column ? this.node(column, depth + 1) : null);
      }
      if (this.indent < column) return list;
      if (this.indent > column) throw DECLINE;
      // A line at this column that is no item ends a sequence at its key's indentation (`key:` then `- x`).
      if (!this.isItem(this.at)) return list;
    }
  }

  /** The scalar (or `{}`, `[]`) at `at`, the rest of its line; a deeper line after it would continue it. */
  scalarLine(parent: number, depth: number): unknown {
    let value: unknown;
    const c = this.text.charCodeAt(this.at);
    if (c === 124 || c === 62) { // `|` and `>`: the lines after belong to it
      const block = blockScalar(this.text, this.at, this.end, parent, MAX_STRING);
      if (!block) throw DECLINE;
      value = this.limited(block.value);
      this.end = block.end;
    } else value = this.scalar(this.at, depth);
    this.next();
    if (this.indent > parent) throw DECLINE;
    return value;
  }

  scalar(at: number, depth: number): unknown {
    const { text, end } = this;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(at);
      this.comment(close + 1);
      return this.limited(this.quoted(at, close));
    }
    if ((c === 123 || c === 91) && text.charCodeAt(at + 1) === c + 2) { // `{}` and `[]`
      this.comment(at + 2);
      if (depth >= MAX_DEPTH) throw DECLINE;
      return c === 123 ? {} : [];
    }
    if (INDICATOR.has(c) && (c !== DASH || at + 1 === end || text.charCodeAt(at + 1) === SPACE)) throw DECLINE;
    // The scalar ends at a comment (` #`); a `: ` or a final `:` in it would start a mapping on its line.
    let stop = end;
    for (let i = at + 1; i < end; i++) {
      const d = text.charCodeAt(i);
      if (d === HASH && text.charCodeAt(i - 1) === SPACE) {
        stop = i - 1;
        break;
      }
      if (d === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) throw DECLINE;
    }
    while (text.charCodeAt(stop - 1) === SPACE) stop--;
    const plain = text.slice(at, stop);
    return this.limited(resolvePlain(plain));
  }

  /** The end of the key at `at` (the `:` after it, followed by a space or the line's end), or -1 if it is none. */
  keyEnd(at: number): number {
    const { text, end } = this;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(at, false);
      if (close < 0 || text.charCodeAt(close + 1) !== COLON) return -1;
      return close + 2 === end || text.charCodeAt(close + 2) === SPACE ? close + 1 : -1;
    }
    // Within the line: an indexOf would look past it, through every line of a long list of `- item`s.
    for (let k = at + 1; k < end; k++) {
      if (text.charCodeAt(k) === COLON && (k + 1 === end || text.charCodeAt(k + 1) === SPACE)) return k;
    }
    return -1;
  }

  /** The key from `at` to its `:` as the `yaml` package makes it a property name. */
  key(at: number, colon: number): string {
    const { text } = this;
    if (colon - at > MAX_KEY) throw DECLINE;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(at, colon - 1);
    const raw = text.slice(at, colon);
    if (INDICATOR.has(c) || raw.includes(' #') || raw.charCodeAt(raw.length - 1) === SPACE || raw === '<<') throw DECLINE;
    const value = resolvePlain(raw);
    if (value === null) throw DECLINE; // a null key
    return String(value);
  }

  /** The closing quote of the quoted scalar at `at` on this line; a scalar going on to the next line leaves the subset. */
  closingQuote(at: number, decline = true): number {
    const { text, end } = this;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) i++;
        else return i;
      } else if (c === 92 && quote === DQUOTE) i++;
    }
    if (decline) throw DECLINE;
    return -1;
  }

  quoted(open: number, close: number): string {
    const value = quoted(this.text, open, close);
    if (value === undefined) throw DECLINE;
    return value;
  }

  /** Only spaces and a comment may follow a value at `from`. */
  comment(from: number): void {
    const rest = this.skipSpaces(from);
    if (rest < this.end && (rest === from || this.text.charCodeAt(rest) !== HASH)) throw DECLINE;
  }

  limited(value: unknown): unknown {
    if (typeof value === 'string' && value.length > MAX_STRING) throw DECLINE;
    return value;
  }

  /** A sequence entry: `-` followed by a space or the line's end. */
  isItem(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** `---` or `...` at `pos`, followed by a space, a tab or the line's end: a document marker. */
  isMarker(pos: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(pos);
    if ((c !== DASH && c !== 46) || text.charCodeAt(pos + 1) !== c || text.charCodeAt(pos + 2) !== c) return false;
    const after = text.charCodeAt(pos + 3);
    return Number.isNaN(after) || after === 10 || after === SPACE;
  }

  /** A `%` directive, or `---` or `...` with anything after (a marker, or text the other readers judge) at `pos`. */
  directiveOrMarker(pos: number): boolean {
    const { text } = this;
    return text.charCodeAt(pos) === 37 || text.startsWith('---', pos) || text.startsWith('...', pos);
  }

  skipSpaces(from: number): number {
    let i = from;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }
}
