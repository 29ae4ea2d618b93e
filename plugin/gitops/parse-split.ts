/**
 * Text to documents for the manifest reader (parse.ts): the split at `---` and `...` lines, and the document count
 * limit, found before any document is parsed.
 */
import { lineAtOffset } from './parse-decode';

const DIRECTIVES_END = /^---(?:[ \t]|$)/gm;

/** The line of the document marker after the first `count` ones, when there is one (too many documents). */
export function lineOfMarker(text: string, count: number): number | undefined {
  DIRECTIVES_END.lastIndex = 0;
  let seen = 0;
  for (let found = DIRECTIVES_END.exec(text); found; found = DIRECTIVES_END.exec(text)) {
    if (++seen > count) return lineAtOffset(text, found.index);
  }
  return undefined;
}

export interface Chunk {
  text: string;
  /** The 1-based line of its first line. */
  line: number;
}

/**
 * The documents of a YAML stream, as texts: a `---` line starts one (with the comments and directives before it),
 * a `...` line ends one. YAML forbids both at the start of a line inside a document, so this is the split the
 * parser itself makes; reading one document at a time keeps the memory of the careful path to one document's.
 */
export function* splitDocuments(text: string): Generator<Chunk> {
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
