/**
 * The differential check of the block subset reader (plugin/gitops/parse-block.ts), shared by its suites: on any
 * document it either declines, or gives exactly the value and line of the careful path (the `yaml` package), and
 * of js-yaml's fast path where that takes the document too.
 */
import * as assert from 'uvu/assert';
import { blockDocument } from '../../plugin/gitops/parse-block';
import { carefulDocument } from '../../plugin/gitops/parse-careful';
import { jsYamlDocument, plainDocument } from '../../plugin/gitops/parse-fast';

/**
 * A value as text that tells apart what deep equality may not: -0 from 0, NaN, Infinity, key order, prototypes,
 * null from undefined.
 */
export function exact(value: unknown): string {
  return JSON.stringify(value, function replacer(this: unknown, _key, v: unknown) {
    if (typeof v === 'number') return Object.is(v, -0) ? 'number:-0' : `number:${String(v)}`;
    if (typeof v === 'string') return `string:${v}`;
    if (v === undefined) return 'undefined';
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) {
      return { notPlain: Object.entries(v) };
    }
    return v;
  });
}

export type Verdict = 'taken' | 'declined';

/** Checks one document (the text of one `---` chunk, its first line being line `firstLine`); says what the reader did. */
export function checkDocument(text: string, what: string, firstLine = 1): Verdict {
  const block = blockDocument(text);
  if (!block) return 'declined';
  const problems: string[] = [];
  const careful = carefulDocument(text, firstLine, (line, message) => problems.push(`${line}: ${message}`));
  assert.equal(problems, [], `${what}: the block reader took a document the careful path refuses:\n${text}`);
  assert.ok(careful, `${what}: the careful path found no document in a text the block reader took:\n${text}`);
  assert.is(exact(block.value), exact(careful!.value), `${what}: the value differs from the careful path's:\n${text}`);
  const plain = plainDocument(text, firstLine);
  assert.ok(plain && 'value' in plain, what);
  assert.is((plain as { line: number }).line, careful!.line, `${what}: the line differs from the careful path's:\n${text}`);
  const js = jsYamlDocument(text, firstLine);
  if (js && 'value' in js) {
    assert.is(exact(js.value), exact(block.value), `${what}: the value differs from js-yaml's fast path:\n${text}`);
    assert.is(js.line, careful!.line, what);
  }
  return 'taken';
}
