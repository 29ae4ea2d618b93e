/** gitops/argo-glob.ts: Argo CD's directory globs, matched as gobwas/glob without separators matches them. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { argoGlob, argoReads } from '../../plugin/gitops/argo-glob';
import { argoGlobMatches, requireHealthEval } from '../helpers/health-eval';

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
  // gobwas/glob's TEXT*TEXT matcher lets the two overlap, and Argo CD with it.
  assert.ok(matches('a*a', 'a'));
  assert.ok(matches('{ab*ba,x}', 'aba'));
  assert.not.ok(matches('a*?a', 'aa'));
});

test('what gobwas/glob refuses matches nothing (a broken include reads no file, a broken exclude leaves none out); what it forgives is read as it reads it', () => {
  for (const broken of ['[abc', '[]', '[!]', '[a-]', '[c-a]', '[a-c-e]', 'x[\\']) assert.is(argoGlob(broken), undefined, broken);
  assert.not.ok(argoReads('a.yaml', '[abc', undefined));
  assert.ok(argoReads('a.yaml', undefined, '[abc'));
  assert.not.ok(argoReads('a.yaml', '*.yaml', 'a.*'), 'exclude wins');
  // An unclosed { closes at the end; a final \ is dropped; outside braces , and } are text; ^ is plain in a class.
  assert.ok(matches('{a,b', 'b'));
  assert.ok(matches('x\\', 'x'));
  assert.ok(matches('a,b}', 'a,b}'));
  assert.ok(matches('[^a]', '^'));
  assert.ok(matches('[-a]', '-'));
  assert.ok(matches('{a\\,b,c}', 'a,b'));
});

test.run();

/**
 * Against Argo CD's own matcher: gobwas/glob v0.2.3 without separators (tools/health-eval argo-glob), on random
 * patterns and paths drawn from the characters that mean something to a glob and a few that do not.
 */
const real = suite('gitops: Argo CD directory globs against gobwas/glob');
if (requireHealthEval(real)) {
  real('random patterns and paths: the same patterns compile, and each path matches alike', () => {
    // ASCII: gobwas/glob v0.2.3's row matcher mixes byte and character lengths, so on multi-byte text it panics or
    // misses ("é{" does not match "é"); Argo CD inherits that, and this module does not copy it.
    const char = fc.constantFrom('a', 'b', '-', '/', '.', '*', '?', '[', ']', '!', '{', '}', ',', '\\', '+', '(', '^', '$');
    const pathChar = fc.constantFrom('a', 'b', '-', '/', '.', '*', '+', '(', ',', '{', '}', '!', '^', ']', '\\');
    // No empty alternative ({}, {a,}) and no { left open: gobwas/glob's optimizer mis-matches them, not even
    // consistently (`*{}` matches nothing, `{}**` everything, `a{}` panics, `}{*` misses "}"); here they mean
    // what they say (an open { closes at the end, as gobwas parses it).
    const emptyAlternative = /\{[,}]|,[,}]|[{,]\\?$/;
    const unclosed = (p: string) => {
      let depth = 0;
      for (let i = 0; i < p.length; i++) {
        if (p[i] === '\\') i++;
        else if (p[i] === '{') depth++;
        else if (p[i] === '}' && depth > 0) depth--;
      }
      return depth > 0;
    };
    const cases = fc.sample(fc.record({
      pattern: fc.array(char, { maxLength: 16 }).map((c) => c.join('')).filter((p) => !emptyAlternative.test(p) && !unclosed(p)),
      // Not empty: a manifest's path never is (and gobwas matches "" against a lone negated class).
      paths: fc.array(fc.array(pathChar, { minLength: 1, maxLength: 8 }).map((c) => c.join('')), { minLength: 1, maxLength: 8 }),
    }), { numRuns: 5000, seed: 20261203 });
    // Plus hand-picked shapes of Argo CD manifests.
    cases.push({ pattern: '{tenants/*,infra/**}.yaml', paths: ['tenants/a.yaml', 'infra/x/y.yaml', 'other/a.yaml'] },
      { pattern: '[!.]*.y?ml', paths: ['a.yaml', '.a.yaml', 'b.yml'] });
    const answers = argoGlobMatches(cases);
    let compared = 0;
    const differ = cases.map((c, i) => {
      const mine = argoGlob(c.pattern);
      const theirs = answers[i];
      // null: gobwas/glob v0.2.3 panicked on that path (some multi-byte texts), so Argo CD fails to render: no
      // answer to agree with.
      const paths = c.paths.filter((_, j) => theirs.matches[j] !== null);
      compared += paths.length;
      const ours = { compiled: mine !== undefined, matches: paths.map((p) => mine?.test(p) ?? false) };
      const gobwas = { compiled: theirs.compiled, matches: theirs.matches.filter((m) => m !== null) };
      return JSON.stringify(ours) === JSON.stringify(gobwas) ? undefined : { ...c, ours, gobwas };
    }).filter((d) => d !== undefined);
    assert.equal(differ.slice(0, 5), []);
    assert.ok(compared > 10_000, `only ${compared} paths compared`);
    assert.ok(answers.some((a) => a.compiled) && answers.some((a) => !a.compiled), 'both compiling and broken patterns drawn');
  });
}

real.run();
