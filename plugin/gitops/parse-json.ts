/**
 * The JSON path of the manifest reader (parse.ts): JSON is YAML, read much faster by JSON.parse, with the checks
 * JSON.parse does not make (duplicate keys, nesting, value sizes) done by a scan of the text.
 */
import { LIMITS } from './limits';
import { duplicateKey, tooDeep, tooLarge, type ReadDocument, type Report } from './parse-problems';

/**
 * A document that is JSON (JSON is YAML, read much faster by JSON.parse): its value; null when it has problems
 * (reported); undefined when it is not JSON.
 */
export function jsonDocument(text: string, firstLine: number, content: number, report: Report): ReadDocument | null | undefined {
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
