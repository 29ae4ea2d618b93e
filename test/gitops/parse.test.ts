import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem, LIMITS, parseManifests, readManifests } from '../../plugin/gitops/parse';

const parse = suite('gitops/parse');

parse('each document carries the 1-based line of its first key', () => {
  const text = '# header\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n\n# c\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';
  const objects = parseManifests(text, 'ns.yaml');
  assert.equal(objects.map((o) => [o.object.metadata.name, o.line]), [['a', 3], ['b', 10]]);
});

parse('a mapping with none of apiVersion, kind and metadata is not meant as an object: skipped', () => {
  assert.equal(parseManifests('just: data\n---\n---\n# only a comment\n', 'x.yaml'), []);
});

parse('a document that is a scalar or a sequence is a problem, each with its line', () => {
  assert.equal(readManifests('just: data\n---\n- a\n---\n42\n---\n', 'x.yaml').problems.map(formatProblem), [
    'x.yaml:3: the document is a sequence, not a mapping (a Kubernetes object)',
    'x.yaml:5: the document is a number (42), not a mapping (a Kubernetes object)',
  ]);
});

parse('the items of a List are read as objects', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n';
  assert.equal(parseManifests(text, 'l.yaml').map((o) => o.object.metadata.name), ['a']);
});

parse('malformed YAML names the file and the line', () => {
  assert.throws(() => parseManifests('apiVersion: v1\nkind: [\n', 'bad.yaml'), /^bad.yaml:3: malformed YAML/);
  assert.throws(() => parseManifests('apiVersion: v1\n\tkind: x\n', 'tab.yaml'), /^tab.yaml:2: malformed YAML: Tabs/);
});

parse('an alias bomb is refused instead of expanded', () => {
  const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) {
    rows.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  assert.throws(() => parseManifests(`${rows.join('\n')}\n`, 'bomb.yaml'), /^bomb.yaml:1: .*resource exhaustion/);
});

parse('deep nesting is refused with the file name', () => {
  assert.throws(() => parseManifests(`${'['.repeat(LIMITS.depth + 5)}${']'.repeat(LIMITS.depth + 5)}`, 'deep.yaml'),
    /^deep.yaml:\d+: nesting deeper than/);
});

parse('a huge scalar is refused with its line', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  x: "${'a'.repeat(LIMITS.scalarBytes + 1)}"\n`;
  assert.throws(() => parseManifests(text, 'huge.yaml'), /^huge.yaml:4: a value of 1048577 characters exceeds the limit of 1 MiB per value/);
});

parse.run();
