/** gitops/argo-glob.ts: Argo CD's directory globs, matched as gobwas/glob without separators matches them. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { argoGlob, argoReads } from '../../plugin/gitops/argo-glob';

const test = suite('gitops: Argo CD directory globs');
const matches = (pattern: string, path: string) => argoGlob(pattern)?.test(path) ?? false;

test('* and ** match any text, slashes included; ? one character; the whole path must match', () => {
  assert.ok(matches('*.yaml', 'a.yaml'));
  assert.ok(matches('*.yaml', 'sub/deeper/a.yaml'), 'no separators: * crosses folders');
  assert.ok(matches('sub/**', 'sub/x/y.json'));
  assert.not.ok(matches('*.yaml', 'a.yml'));
  assert.not.ok(matches('a.yaml', 'sub/a.yaml'), 'anchored: the pattern is the whole path');
  assert.ok(matches('?.yaml', 'é.yaml'), '? is one character, not one byte');
  assert.not.ok(matches('?.yaml', 'ab.yaml'));
});

test('classes, negated classes, alternatives (nested) and escapes', () => {
  assert.ok(matches('[ab].yaml', 'b.yaml'));
  assert.not.ok(matches('[!ab].yaml', 'a.yaml'));
  assert.ok(matches('[a-c]x.yaml', 'bx.yaml'));
  assert.ok(matches('{a,b/*}.yaml', 'b/c.yaml'));
  assert.ok(matches('{x,{y,z}}.json', 'z.json'));
  assert.not.ok(matches('{a,b}.yaml', 'c.yaml'));
  assert.ok(matches('\\*.yaml', '*.yaml'));
  assert.not.ok(matches('\\*.yaml', 'a.yaml'));
  assert.ok(matches('a+(b).yaml', 'a+(b).yaml'), 'regular expression characters are literal');
  assert.ok(matches('a-b.yaml', 'a-b.yaml'));
});

test('a pattern that does not compile matches nothing: a broken include reads no file, a broken exclude leaves none out', () => {
  for (const broken of ['[abc', '{a,b', 'x\\', '[]']) assert.is(argoGlob(broken), undefined, broken);
  assert.not.ok(argoReads('a.yaml', '[abc', undefined));
  assert.ok(argoReads('a.yaml', undefined, '{a,b'));
  assert.not.ok(argoReads('a.yaml', '*.yaml', 'a.*'), 'exclude wins');
});

test.run();
