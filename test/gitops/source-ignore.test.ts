/**
 * What a GitRepository's artifact leaves out (plugin/gitops/source-ignore.ts) against source-controller's own
 * filter (fluxcd/pkg/sourceignore, through `flux-build --left-out`): on random trees with random .sourceignore files
 * (at the root and below it) and a random spec.ignore, the files left out are the same. The patterns mix what
 * .gitignore's format allows: `*`, `?`, classes, `**`, anchoring `/`, folder-only `/`, `!`, escapes, and malformed
 * ones (an open class), which match nothing in Go.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { goGlob, sourceIgnore } from '../../plugin/gitops/source-ignore';
import { requireTools, whenReady } from '../helpers/ci';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const test = suite('source-ignore: what a GitRepository artifact leaves out, as source-controller decides (fluxcd/pkg/sourceignore)');
const ready = requireTools(test, 'every case', spawnSync('flux-build', []).error === undefined ? [] : ['flux-build'],
  'scripts/install-tools.sh flux-build');
const it = whenReady(test, ready);
/** Each run writes a tree and runs flux-build once. */
const RUNS = 150;

/** Go's answer: the files flux-build's artifact filter leaves out, relative and sorted. */
function goLeftOut(root: string, specIgnore?: string): string[] {
  const args = ['--left-out', root];
  if (specIgnore !== undefined) {
    writeFileSync(`${root}.ignore`, specIgnore);
    args.push(`${root}.ignore`);
  }
  const run = spawnSync('flux-build', args, { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean);
}

function ourLeftOut(root: string, specIgnore?: string): string[] {
  const leftOut = sourceIgnore(root, specIgnore);
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
  return files.filter((f) => leftOut(f) !== undefined).map((f) => relative(root, f).split(sep).join('/')).sort();
}

const NAMES = ['a', 'b', 'ab', '.h', 'x.yaml', 'x.yml', 'y.json', '.sops.yaml', 'cloudbuild.yaml', 'p.png', 'a-b', 'A', '[a]', 'é'];
const name = fc.constantFrom(...NAMES);
const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const globPart = fc.oneof(name, fc.constantFrom('*', '?', '*.yaml', 'x.*', '[ab]', '[^a]*', '[a-c]', '[c-a]x', '\\*', '[', 'a\\',
  '**', '*.y?ml', '.*', '[]a]', '[!a]', 'x.[yj]*', 'é*', '[é]'));
const pattern = fc.tuple(fc.boolean(), fc.boolean(), fc.array(globPart, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([negate, anchored, parts, dirOnly, trailing]) =>
    `${negate ? '!' : ''}${anchored ? '/' : ''}${parts.join('/')}${dirOnly ? '/' : ''}${trailing}`);
const ignoreText = fc.array(fc.oneof(pattern, fc.constantFrom('# comment', '', '   ', '\r')), { maxLength: 6 }).map((l) => l.join('\n'));

const treeOf = fc.record({
  files: fc.uniqueArray(path, { minLength: 1, maxLength: 14 }),
  ignores: fc.array(fc.tuple(fc.array(name, { maxLength: 2 }), ignoreText), { maxLength: 3 }),
  specIgnore: fc.option(ignoreText, { nil: undefined }),
});

it('random trees, .sourceignore files and spec.ignore: the same files are left out', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  try {
    fc.assert(fc.property(treeOf, ({ files, ignores, specIgnore }) => {
      tmp?.cleanup();
      tmp = tempDir();
      const root = join(tmp.dir, 'repo');
      const tree: Record<string, string> = {};
      // A path that is also a folder of another path is left a folder.
      const folders = new Set(files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, all) => all.slice(0, i + 1).join('/'))));
      for (const file of files) if (!folders.has(file)) tree[file] = 'x: 1\n';
      for (const [dir, text] of ignores) {
        const at = [...dir, '.sourceignore'].join('/');
        if (!folders.has(at) && !Object.keys(tree).some((f) => at.startsWith(`${f}/`))) tree[at] = text;
      }
      writeTree(root, tree);
      assert.equal(ourLeftOut(root, specIgnore), goLeftOut(root, specIgnore), JSON.stringify({ tree, specIgnore }));
    }), { numRuns: RUNS, includeErrorInReport: true });
  } finally {
    tmp?.cleanup();
  }
});

it('no pattern files: the default exclusions, version-control files always', () => {
  const tmp = tempDir();
  try {
    writeTree(tmp.dir, { '.git/config': '', '.github/workflows/ci.yaml': '', 'apps/.sops.yaml': '', 'apps/cloudbuild.yaml': '',
      'apps/app.yaml': '', 'apps/.hidden.yaml': '', 'logo.png': '', '.gitignore': '' });
    assert.equal(ourLeftOut(tmp.dir), goLeftOut(tmp.dir));
    assert.equal(ourLeftOut(tmp.dir), ['.git/config', '.github/workflows/ci.yaml', '.gitignore', 'apps/.sops.yaml', 'apps/cloudbuild.yaml', 'logo.png']);
    // Any pattern replaces the defaults: only version-control files and the pattern's are left out then.
    writeTree(tmp.dir, { '.sourceignore': '/apps/app.yaml\n' });
    assert.equal(ourLeftOut(tmp.dir), ['.git/config', '.gitignore', 'apps/app.yaml']);
    assert.equal(ourLeftOut(tmp.dir), goLeftOut(tmp.dir));
  } finally {
    tmp.cleanup();
  }
});

test('goGlob: Go filepath.Match on one name (classes, ranges, escapes; malformed matches nothing)', () => {
  const cases: [string, string, boolean][] = [
    ['*.yaml', 'a.yaml', true], ['*.yaml', '.yaml', true], ['?', 'é', true], ['[a-c]x', 'bx', true], ['[^a-c]x', 'bx', false],
    ['[c-a]x', 'bx', false], ['[^c-a]x', 'bx', true], ['\\*', '*', true], ['\\*', 'a', false], ['[\\]]', ']', true],
    ['a[', 'a[', false], ['a\\', 'a', false], ['[]a]', 'a', false], ['[-a]', '-', false], ['[a-]', 'a', false], ['a.b', 'a.b', true],
    ['a.b', 'axb', false], ['(x)|y', '(x)|y', true], ['$^', '$^', true],
  ];
  for (const [glob, text, expected] of cases) assert.is(goGlob(glob)?.test(text) ?? false, expected, `${glob} ~ ${text}`);
});

test.run();
