import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { formatProblem, parseCarefully, parseManifests, readManifests } from '../../plugin/gitops/parse';
import { jsYamlDocument, plainDocuments } from '../../plugin/gitops/parse-fast';
import { projectsInput } from '../bench/policy';
import { ROOT } from '../helpers/cli';

/** Every YAML and JSON file below these folders of the repository. */
function manifests(...dirs: string[]): string[] {
  const walk = (dir: string): string[] => readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
  return dirs.flatMap((d) => walk(join(ROOT, d)));
}

/** The fast path was taken, and gave exactly what the careful path gives. */
function sameAsCareful(text: string, what: string): void {
  assert.ok(plainDocuments(text), `${what} takes the fast path`);
  assert.equal(parseManifests(text, 'f.yaml'), parseCarefully(text, 'f.yaml'), what);
}

const fast = suite('parseManifests fast path (js-yaml for plain manifests) against the careful path (yaml)');

fast('every manifest of the repository reads the same on all paths, lines and problems included', () => {
  const files = manifests('policies', 'examples', 'test/fixtures', 'kustomize').filter((f) => !f.includes('/build/'));
  let taken = 0;
  for (const file of files) {
    const data = readFileSync(file);
    if (plainDocuments(data.toString('utf8'))) taken++;
    assert.equal(readManifests(data, file), readManifests(data, file, { careful: true }), file);
  }
  assert.ok(taken >= 40, `only ${taken} of ${files.length} files took the fast path`);
});

fast('a generated tree of 200 projects reads the same on both paths', () => {
  sameAsCareful(projectsInput(200).map((o) => stringify(o)).join('---\n'), 'the tree');
});

fast('plain scalars resolve by the yaml package\'s core schema, not js-yaml\'s', () => {
  const scalars = ['0o17', '0x1F', '+12', '012', '-7', '1e3', '-.5', '1.0', '.inf', '-.Inf', '.nan', 'null', '~', 'Null', '',
    'True', 'FALSE', 'yes', 'off', '0b101', '1_000', '2020-01-01T00:00:00Z', '1:20', '0x', '+0x1F', '.', 'a b'];
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${scalars.map((s, i) => `  k${i}: ${s}`).join('\n')}\n`;
  sameAsCareful(text, 'scalars');
  const data = parseManifests(text, 'f.yaml')[0].object.data as Record<string, unknown>;
  assert.equal([data.k0, data.k3, data.k11, data.k17, data.k19, data.k20], [15, 12, null, 'yes', '0b101', '1_000']);
});

// The fast path applies the yaml package's core-schema tags in its composer's order (parse-fast.ts); package.json
// pins the version, and this table is what a bump must pass: each value is the one yaml's own parse gives.
fast('the yaml package coupling: tricky plain scalars resolve exactly as yaml.parse resolves them', () => {
  const table: [string, unknown][] = [
    ['0o17', 15], ['0x1F', 31], ['1e3', 1000], ['.inf', Infinity], ['-.Inf', -Infinity], ['.NaN', NaN], ['.nan', NaN],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null], ['true', true], ['True', true],
    ['TRUE', true], ['false', false], ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['y', 'y'], ['1_000', '1_000'],
    ['+12', 12], ['012', 12], ['-0', -0], ['0.', 0], ['+.5', 0.5], ['1e-3', 0.001], ['0b101', '0b101'],
    ['0o8', '0o8'], ['0xG', '0xG'], ['tRUE', 'tRUE'], ['nULL', 'nULL'], ['2020-01-01', '2020-01-01'], ['1:20', '1:20'],
    ['""', ''], ["''", ''], ['"0x1F"', '0x1F'], ['\'true\'', 'true'], ['12345678901234567890', 12345678901234567000],
  ];
  for (const [source, expected] of table) {
    const text = `v: ${source}\n`;
    const fastPath = plainDocuments(text);
    assert.ok(fastPath, `${source} takes the fast path`);
    assert.equal(fastPath![0].value, parse(text), `${source}: the fast path equals yaml.parse`);
    const js = jsYamlDocument(text);
    assert.ok(js && 'value' in js, `${source} is read by js-yaml too`);
    assert.equal(js.value, parse(text), `${source}: js-yaml with the core-schema rules equals yaml.parse`);
    assert.equal(parse(text), { v: expected }, `${source}: yaml.parse still gives ${String(expected)}`);
  }
});

fast('block and flow styles, quoting, comments and empty documents read the same on both paths', () => {
  const text = [
    '# leading comment', '---', '---', '# only a comment', '---',
    'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: "q\\u00e9", labels: {a: \'it\'\'s\'}}', 'data:',
    '  keep: |+', '    one', '', '  strip: >-', '    folded', '    text', '', '  plain: a', '    continued',
    '  list: [1, "2", three]', '  nested:', '  - x: 1', '    y: [ ]', '  - {}', '---   ',
    'apiVersion: v1', 'kind: List', 'items:', '- apiVersion: v1', '  kind: Namespace', '  metadata:', '    name: ns1',
  ].join('\n');
  sameAsCareful(text, 'styles');
  assert.equal(parseManifests(text, 'f.yaml').map((o) => [o.object.kind, o.line]), [['ConfigMap', 6], ['Namespace', 25]]);
});

for (const [what, text] of [
  ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['a tab', 'a:\t1\n'],
  ['a carriage return', 'a: 1\r\n'],
  ['a merge key', 'a: {b: 1}\nc:\n  <<: {d: 2}\n'],
  ['a complex key', '? a\n: 1\n'],
  ['a null key', '~: 1\n'],
  ['content after ---', '--- {a: 1}\n'],
  ['a document end marker', 'a: 1\n...\n'],
  ['a byte-order mark', '\uFEFFa: 1\n'],
  ['nesting deeper than 64', `${'['.repeat(70)}${']'.repeat(70)}\n`],
  ['a string over 64 KiB', `a: ${'x'.repeat(70_000)}\n`],
  ['malformed YAML', 'a: [1, 2\nb: 3\n'],
  ['a duplicate key (js-yaml is not in json mode, where the last would win)', 'a: 1\nb: 2\na: 3\n'],
  ['a duplicate key at depth', 'a:\n  b:\n    c: 1\n    c: 2\n'],
]) {
  fast(`${what} takes the careful path`, () => {
    assert.is(plainDocuments(text), undefined);
  });
}

fast('malformed YAML is still reported by the careful path with file and line', () => {
  assert.throws(() => parseManifests('apiVersion: v1\nkind: A\nmetadata: {name: [\n', 'bad.yaml'), /^bad\.yaml:\d+: malformed YAML/);
});

fast('&, *, ! and % inside scalars are text: the fast path takes them and reads what the careful path reads', () => {
  const text = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: marks', 'data:', '  url: http://x/?a=1&b=2',
    '  glob: "*.example.com"', "  star: '*'", '  shout: Hello!', '  ratio: 100%', '  pointer: a*b', '  list: ["*", "&x", "!y"]',
    '  prose: it is a&b, or c*d!', ''].join('\n');
  sameAsCareful(text, 'marks');
  assert.is((parseManifests(text, 'f.yaml')[0].object.data as Record<string, string>).shout, 'Hello!');
});

/** What each reader reports about a text: the objects and the problems. */
function readers(text: string) {
  return { auto: readManifests(text, 'f.yaml'), careful: readManifests(text, 'f.yaml', { careful: true }) };
}

for (const [what, text, key, line, first] of [
  ['in block style', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n', 'name', 5, 4],
  ['at depth', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  x:\n    y: 1\n    z: 2\n    y: 3\n', 'y', 8, 6],
  ['in flow style', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a, name: b}\n', 'name', 3, 3],
  ['next to an anchor', 'apiVersion: v1\nkind: Namespace\nmetadata: &m\n  name: a\n  name: b\n', 'name', 5, 4],
  ['in JSON', '{"apiVersion": "v1", "kind": "Namespace",\n "metadata": {"name": "a",\n  "name": "b"}}\n', 'name', 3, 2],
  ['in JSON, escaped', '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a", "n\\u0061me": "b"}}\n', 'name', 1, 1],
  ['that is a number and a string (1 and "1")', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  1: a\n  "1": b\n', '1', 6, 5],
] as const) {
  fast(`a duplicate key ${what} is a problem on every reader, with both lines`, () => {
    const { auto, careful } = readers(text);
    assert.equal(auto, careful);
    assert.equal(auto.objects, []);
    assert.equal(auto.problems.map(formatProblem),
      [`f.yaml:${line}: duplicate key "${key}" (first at line ${first}); kubectl and kustomize reject duplicate keys`]);
  });
}

fast('JSON documents (JSON.parse) read the same as on the careful path, lines included', () => {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j', labels: { a: 'x' } },
    data: { n: 1.5, big: 12345678901234567890, e: 1e3, t: true, z: null, s: 'a\u00e9\n"q"', list: [1, [2, [3]], {}] } };
  for (const text of [JSON.stringify(object), JSON.stringify(object, null, 2), JSON.stringify(object, null, '\t'),
    `# a comment\n---\n${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [object, object] })}\n`]) {
    const { auto, careful } = readers(text);
    assert.equal(auto, careful, text);
    assert.ok(auto.objects.length > 0);
  }
});

fast('a stream read one document at a time equals the careful path on the whole stream', () => {
  const text = ['# head', '%YAML 1.2', '---', 'apiVersion: v1', 'kind: Namespace', 'metadata: {name: a}', '...', '# between',
    '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: &m {name: b}', 'data: {x: "1"}', '--- # marker comment',
    'apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: c', '---', '---', ''].join('\n');
  const { auto, careful } = readers(text);
  assert.equal(auto, careful);
  assert.equal(auto.objects.map((o) => [o.object.metadata.name, o.line]), [['a', 4], ['b', 10], ['c', 15]]);
});

fast.run();
