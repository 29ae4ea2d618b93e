import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { parseCarefully, parseManifests, readManifests } from '../../plugin/gitops/parse';
import { plainDocuments } from '../../plugin/gitops/parse-fast';
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
]) {
  fast(`${what} takes the careful path`, () => {
    assert.is(plainDocuments(text), undefined);
  });
}

fast('malformed YAML is still reported by the careful path with file and line', () => {
  assert.throws(() => parseManifests('apiVersion: v1\nkind: A\nmetadata: {name: [\n', 'bad.yaml'), /^bad\.yaml:\d+: malformed YAML/);
});

fast.run();
