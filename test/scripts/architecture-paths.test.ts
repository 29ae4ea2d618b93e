import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/cli';

const DOC = 'docs/ARCHITECTURE.md';

/**
 * The repository paths a Markdown text names in backticks: spans with a `/` and no space. Placeholders and globs
 * (`<id>`, `*`), package names (`@scope/name`), home-relative paths and URLs are not paths of the repository.
 */
function backtickedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...new Set(spans.filter((s) => s.includes('/') && !/[\s<>*{}"[\]$]/.test(s) && !/^(@|~|https?:)/.test(s)))];
}

test('backtickedPaths takes paths and leaves commands, placeholders, globs and package names', () => {
  const text = 'See `plugin/cli.ts`, `policies/build/`, `npm run generate`, `policies/<id>/<id>.rego`, ' +
    '`samples/allowed*.yaml`, `@kubernetes/client-node`, `~/.cache/x`, `InputError` and `plugin/cli.ts` again.';
  assert.equal(backtickedPaths(text), ['plugin/cli.ts', 'policies/build/']);
});

test(`every path ${DOC} names in backticks exists in the repository`, () => {
  const paths = backtickedPaths(readFileSync(join(ROOT, DOC), 'utf8'));
  // The map names most of the tree's landmarks; far fewer would mean the extraction broke, not the doc.
  assert.ok(paths.length > 60, `only ${paths.length} paths found in ${DOC}`);
  const missing = paths.filter((p) => !existsSync(join(ROOT, p)));
  assert.equal(missing, [], `${DOC} names paths that do not exist: fix the doc or the tree`);
});

test.run();
