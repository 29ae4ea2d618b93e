import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem, parseCarefully, parseManifests, readManifests } from '../../plugin/gitops/parse';
import { blockDocument } from '../../plugin/gitops/parse-block';
import { decode } from '../../plugin/gitops/parse-decode';
import { jsYamlDocument } from '../../plugin/gitops/parse-fast';
import { splitDocuments } from '../../plugin/gitops/parse-split';
import { writeBenchTree } from '../bench/tree';
import { ROOT } from '../helpers/cli';
import { checkDocument, exact, type Verdict } from './parse-block-check';

const block = suite('the block subset reader (parse-block.ts) against the careful path (yaml) and js-yaml');

function walk(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path, pattern) : pattern.test(name) ? [path] : [];
  });
}

/** Checks every document of every file; counts what the block reader did. */
function checkFiles(files: string[]): Record<Verdict, number> {
  const counts = { taken: 0, declined: 0 };
  for (const file of files) {
    const decoded = decode(readFileSync(file));
    if (!('text' in decoded)) continue; // the fixtures of binary and broken input
    for (const chunk of splitDocuments(decoded.text)) {
      if (!/^[ \t]*[^ \t#\n-]/m.test(chunk.text)) continue;
      counts[checkDocument(chunk.text, `${file}:${chunk.line}`, chunk.line)]++;
    }
  }
  return counts;
}

block('every YAML document of test/, examples/ and kustomize/ is declined or read exactly as the careful path reads it', () => {
  const files = ['test', 'examples', 'kustomize'].flatMap((dir) => walk(join(ROOT, dir), /\.ya?ml$/));
  assert.ok(files.length >= 100, `${files.length} files`);
  const counts = checkFiles(files);
  assert.ok(counts.taken >= 120, `the block reader took only ${counts.taken} documents (declined ${counts.declined})`);
});

block('every document of the bench tree is taken by the block reader, with the careful path\'s values and lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-iot-block-'));
  try {
    writeBenchTree(dir, 500);
    const counts = checkFiles(walk(dir, /\.yaml$/));
    assert.equal(counts, { taken: 2 + 100 + 90 + 500, declined: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

block('a manifest in the subset gives yaml\'s values: core-schema scalars, quoting, keys, compact forms', () => {
  const text = [
    '# head', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c # a comment', '  labels: {}',
    'data:', '  hex: 0x1F', '  oct: 0o17', '  exp: 1e3', '  yes: yes', '  nul: ~', '  empty:', '  tilde: "~"',
    "  quote: 'it''s'", '  escapes: "a\\tb\\u00e9\\x41\\\\"', '  url: http://x:80/?a=1&b=2#frag', '  "1.0": a', '  1.0: b',
    '  true: t', '  list:', '  - 1', '  -', '  - k: v', '    l: []', '  - x',
  ].join('\n');
  assert.is(checkDocument(text, 'manifest', 1), 'taken');
  assert.equal(blockDocument(text)!.value, {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: {} },
    data: { hex: 31, oct: 15, exp: 1000, yes: 'yes', nul: null, empty: null, tilde: '~', quote: "it's",
      escapes: 'a\tbéA\\', url: 'http://x:80/?a=1&b=2#frag', '1.0': 'a', '1': 'b', true: 't',
      list: [1, null, { k: 'v', l: [] }, 'x'] },
  });
});

block('literal and folded block scalars, stripped or clipped, read as the yaml package reads them', () => {
  const text = ['a: |', '  line 1', '', '    indented', '  # not a comment', 'b: >-', '  folded', '  text', '', '',
    '  para', 'c:', '- |-', '   x', '- >', ' y', '', '# a comment', 'd: 1'].join('\n');
  assert.is(checkDocument(text, 'block scalars'), 'taken');
  assert.equal(blockDocument(text)!.value, {
    a: 'line 1\n\n  indented\n# not a comment\n', b: 'folded text\n\npara', c: ['x', 'y\n'], d: 1,
  });
});

block('a long list of plain items is read in linear time (each line scanned once, not to the next colon)', () => {
  const text = `items:\n${'- x\n'.repeat(200_000)}`;
  const start = performance.now();
  const read = blockDocument(text);
  assert.ok(performance.now() - start < 2000, `${performance.now() - start} ms`);
  assert.is((read!.value as { items: string[] }).items.length, 200_000);
});

block('the limits are js-yaml\'s path\'s: 64 nested collections and 64 KiB strings are taken, one more is declined by both', () => {
  const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
  const inList = (levels: number) => `l:\n- ${nested(levels).replace(/\n(?=.)/g, '\n  ')}`; // two more levels
  const sized = (length: number) => `a: ${'x'.repeat(length)}\nb: |-\n  ${'y'.repeat(length)}\n`;
  const quotedOf = (length: number) => `a: "${'z'.repeat(length)}"\n`;
  const limit = 64 * 1024;
  for (const text of [nested(64), inList(62), sized(limit), quotedOf(limit)]) {
    assert.is(checkDocument(text, text.slice(0, 20)), 'taken');
  }
  for (const text of [nested(65), inList(63), sized(limit + 1), quotedOf(limit + 1)]) {
    assert.is(blockDocument(text), undefined, text.slice(0, 20));
    assert.is(jsYamlDocument(text), undefined, text.slice(0, 20));
  }
});

block('duplicate keys are declined, also when only their resolved forms agree (1.0 and "1")', () => {
  for (const text of ['a: 1\na: 2\n', 'a:\n  b: 1\n  b: 2\n', '1.0: a\n"1": b\n', '0x1F: a\n31: b\n', '- a: 1\n  a: 2\n']) {
    assert.is(blockDocument(text), undefined, text);
  }
});

// Each is outside the subset; the block reader declines, and the document reads exactly as before.
const declined: Array<[string, string, unknown]> = [
  ['a block scalar that keeps its final line breaks', 'a: |+\n  x\n\nb: 1\n', { a: 'x\n\n', b: 1 }],
  ['a block scalar with an indentation indicator', 'a: |2\n   x\n', { a: ' x\n' }],
  ['a folded block scalar with a more-indented line', 'a: >\n  x\n    y\n  z\n', { a: 'x\n  y\nz\n' }],
  ['a multi-line plain scalar', 'a: x\n  y\n', { a: 'x y' }],
  ['a multi-line quoted scalar', 'a: "x\n  y"\n', { a: 'x y' }],
  ['a flow mapping', 'a: {b: 1, c: [2]}\n', { a: { b: 1, c: [2] } }],
  ['a flow sequence', 'a: [1, "2"]\n', { a: [1, '2'] }],
  ['an anchor and an alias', 'a: &x 1\nb: *x\n', { a: 1, b: 1 }],
  ['a tag', 'a: !!str 1\n', { a: '1' }],
  ['a tab', 'a:\t1\n', { a: 1 }],
  ['a nested compact sequence', '- - a\n  - b\n', [['a', 'b']]],
  ['a comment on the document marker', '--- # c\na: 1\n', { a: 1 }],
  ['a key with a space before its colon', 'a : 1\n', { a: 1 }],
  ['a __proto__ key', '__proto__: 1\n', { ['__proto__']: 1 }],
  ['a document that is a scalar on two lines', 'a\nb\n', 'a b'],
];
for (const [what, text, value] of declined) {
  block(`${what} is declined, and still read as before`, () => {
    assert.is(blockDocument(text), undefined);
    const expected = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: value };
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${text.replace(/^(?=.)/gm, '  ')}`;
    if (!text.includes('---') && !text.includes('\t')) {
      assert.is(blockDocument(manifest), undefined, 'declined inside a manifest too');
      assert.equal(parseManifests(manifest, 'f.yaml'), [{ object: expected, line: 1 }]);
      assert.equal(parseManifests(manifest, 'f.yaml'), parseCarefully(manifest, 'f.yaml'));
    }
    assert.equal(readManifests(text, 'f.yaml'), readManifests(text, 'f.yaml', { careful: true }));
    const js = jsYamlDocument(text);
    if (js && 'value' in js) assert.is(exact(js.value), exact(value));
  });
}

block('an empty item before a shallower one: the block reader reads it, js-yaml (which misplaces the next item) declines', () => {
  for (const text of ['-\n  - x\n  -\n- y\n', 'a:\n  -\n    - x\n    - # c\n  - y\n']) {
    assert.is(checkDocument(text, text), 'taken');
    assert.is(jsYamlDocument(text), undefined, text);
  }
  assert.equal(blockDocument('-\n  - x\n  -\n- y\n')!.value, [['x', null], 'y']);
});

// Malformed documents: the block reader declines them, and the problem is worded as it was before it existed.
const HEAD = 'apiVersion: v1\nkind: A\nmetadata:\n';
for (const [text, problem] of [
  [`${HEAD}  name: a: b\n`, 'f.yaml:4: malformed YAML: Nested mappings are not allowed in compact mappings'],
  [`${HEAD}  name: a\n name: b\n`, 'f.yaml:5: malformed YAML: All mapping items must start at the same column'],
  [`${HEAD}  name: "a\n`, 'f.yaml:5: malformed YAML: Missing closing "quote'],
  [`${HEAD}  name: a\n  name: b\n`, 'f.yaml:5: duplicate key "name" (first at line 4); kubectl and kustomize reject duplicate keys'],
]) {
  block(`malformed YAML keeps its problem: ${problem}`, () => {
    const { objects, problems } = readManifests(text, 'f.yaml');
    assert.equal(objects, []);
    assert.equal(problems.map(formatProblem), [problem]);
  });
}

block.run();
