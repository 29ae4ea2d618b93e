/**
 * Plain scalars resolved by the `yaml` package's core-schema rules, for the fast readers (parse-fast.ts gives them
 * to js-yaml, parse-block.ts applies them itself), so that both give exactly the values of the careful path.
 *
 * The rules come through the `yaml` package's public API (its exported Schema class and the documented fields of a
 * ScalarTag: default, test, resolve), applied the way its composer applies them: the first default tag whose test
 * matches, else a string. That order is the one coupling to the package's inner workings, so package.json pins
 * `yaml` exactly and test/gitops/parse-fast.test.ts checks a table of tricky scalars against yaml's own parse.
 */
import { isScalar, Schema, type ScalarTag } from 'yaml';

/** A tag of the core schema that resolves plain scalars by itself (a collection tag never does). */
export type CoreTag = ScalarTag & { test: RegExp };

let tags: CoreTag[] | undefined;
let anyTag: RegExp | undefined;
// The values of the plain scalars some tag took (numbers, booleans, nulls: immutable), as manifests repeat them.
const resolved = new Map<string, unknown>();

const implicitScalar = (tag: Schema['tags'][number]): tag is CoreTag =>
  tag.collection === undefined && tag.default === true && tag.test instanceof RegExp;

/** The core schema's plain-scalar tags, in the order the composer tries them. */
export function coreTags(): CoreTag[] {
  tags ??= new Schema({ schema: 'core' }).tags.filter(implicitScalar);
  return tags;
}

/** The value `tag` gives the plain scalar `text` (its test has matched). */
export function resolveTag(tag: CoreTag, text: string): unknown {
  const value = tag.resolve(text, () => undefined, {});
  return isScalar(value) ? value.value : value;
}

/**
 * The value of the plain scalar `text`. Most scalars of a manifest are names, which no tag takes: one regular
 * expression, the alternation of every tag's test, says so at once: an alternation matches a text exactly when one
 * of its alternatives does (unless flags or group references differ between them; then every tag is tried).
 */
export function resolvePlain(text: string): unknown {
  anyTag ??= unionOf(coreTags());
  if (!anyTag.test(text)) return text;
  let value = resolved.get(text);
  if (value === undefined) {
    const tag = coreTags().find((t) => t.test.test(text));
    value = tag ? resolveTag(tag, text) : text;
    if (resolved.size >= 1024) resolved.clear();
    resolved.set(text, value);
  }
  return value;
}

function unionOf(list: CoreTag[]): RegExp {
  if (list.some((tag) => tag.test.flags !== '' || /\\[1-9k]|\(\?</.test(tag.test.source))) return /(?:)/;
  return new RegExp(list.map((tag) => `(?:${tag.test.source})`).join('|'));
}
