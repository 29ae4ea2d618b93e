import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem, LIMITS, parseManifests, readManifests } from '../../plugin/gitops/parse';
import { ROOT } from '../helpers/cli';

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

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';
const names = (data: string | Buffer) => readManifests(data, 'f.yaml').objects.map((o) => [o.object.metadata.name, o.line]);

parse('a UTF-8 BOM, UTF-16 with a BOM (either byte order) and CRLF read as plain UTF-8, lines unchanged', () => {
  const expected = [['a', 1], ['b', 6]];
  assert.equal(names(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NS)])), expected);
  assert.equal(names(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NS, 'utf16le')])), expected);
  assert.equal(names(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NS, 'utf16le').swap16()])), expected);
  assert.equal(names(NS.replace(/\n/g, '\r\n')), expected);
  assert.equal(names(`\uFEFF${NS}`), expected);
});

parse('binary content and invalid UTF-8 name the line of the first bad byte', () => {
  const problems = (data: Buffer) => readManifests(data, 'f.yaml').problems.map(formatProblem);
  assert.equal(problems(Buffer.from('a: 1\nb: 2\nc: \0\n')), ['f.yaml:3: binary content (a NUL byte), not a YAML or JSON manifest']);
  assert.equal(problems(Buffer.from([0x61, 0x3a, 0x0a, 0xed, 0xa0, 0x80])), ['f.yaml:2: invalid UTF-8 (byte 0xed); manifests must be UTF-8 text']);
  assert.equal(problems(Buffer.from([0x1f, 0x8b, 0x08])), ['f.yaml:1: gzip-compressed data, not a YAML or JSON manifest']);
});

parse('every limit names itself in its message: "exceeds the limit of N ..."', () => {
  const message = (text: string) => readManifests(text, 'f.yaml').problems.map((p) => p.message)[0] ?? '';
  assert.match(message('x'.repeat(LIMITS.fileBytes + 1)), `exceeds the limit of ${LIMITS.fileBytes / 1024 / 1024} MiB per file`);
  assert.match(message('---\n'.repeat(LIMITS.documents + 1)), `exceeds the limit of ${LIMITS.documents} documents per file`);
  assert.match(message(`a: ${'b'.repeat(LIMITS.documentBytes)}\n`), `exceeds the limit of ${LIMITS.documentBytes / 1024 / 1024} MiB per document`);
  assert.match(message(`a: ${'b'.repeat(LIMITS.scalarBytes + 1)}\n`), `exceeds the limit of ${LIMITS.scalarBytes / 1024 / 1024} MiB per value`);
  assert.match(message(`${'['.repeat(LIMITS.depth + 1)}${']'.repeat(LIMITS.depth + 1)}\n`), `exceeds the limit of ${LIMITS.depth} nested`);
  assert.match(message(`a: &a [${'x,'.repeat(LIMITS.aliasNodes)}]\nb: *a\n`), `exceeds the limit of ${LIMITS.aliasNodes} nodes`);
  assert.match(message(`a: &a 1\n${'b: [c]\n'.repeat(LIMITS.carefulTokens / 3 + 1)}`), `exceeds the limit of ${LIMITS.carefulTokens} lines and values`);
});

parse('aliases below the limit expand; a document may reuse an anchor many times', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: &v "1"\n${Array.from({ length: 500 }, (_, i) => `  k${i}: *v`).join('\n')}\n`;
  assert.is(Object.keys(parseManifests(text, 'f.yaml')[0].object.data as object).length, 501);
});

parse('README "Input limits" documents every limit with its value', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Input limits'), readme.indexOf('\n## ', readme.indexOf('### Input limits')));
  const shown = (n: number) => (n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : n.toLocaleString('en-US'));
  for (const key of ['fileBytes', 'documentBytes', 'documents', 'scalarBytes', 'depth', 'aliasNodes', 'carefulTokens'] as const) {
    assert.match(section, new RegExp(`\\| ${shown(LIMITS[key])}( |\\|)`), key);
  }
  assert.match(section, new RegExp(`at most\\s+${LIMITS.problems},`));
});

parse.run();
