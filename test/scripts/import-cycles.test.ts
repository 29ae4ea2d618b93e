import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cycles, forbiddenImports, importGraph } from '../../scripts/import-cycles';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

test('plugin/ has no import cycle (type-only and lazy imports count)', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, `only ${graph.size} modules read`);
  assert.equal(cycles(graph), []);
});

test('plugin/policy/ imports nothing from plugin/gitops/, plugin/commands/ or plugin/output/', () => {
  assert.equal(forbiddenImports(importGraph()), []);
});

test('the walk finds cycles through import type, export from, lazy require and import(), and policy/ imports', () => {
  const { dir, cleanup } = tempDir();
  try {
    writeTree(dir, {
      'plugin/a.ts': "import type { B } from './b';\nexport type A = B;\n",
      'plugin/b.ts': "export { c } from './sub';\nexport type B = string;\n",
      'plugin/sub/index.ts': "export const c = () => (require('../a') as typeof import('../a'));\n",
      'plugin/lone.ts': "import { readFileSync } from 'node:fs';\nimport './lone';\nexport const x = readFileSync;\n",
      'plugin/lazy.ts': "export const load = () => import('./lazy-back');\n",
      'plugin/lazy-back.ts': "import { load } from './lazy';\nexport const again = load;\n",
      'plugin/policy/engine.ts': "import { write } from '../gitops/write';\nimport type { P } from '../output/print';\nexport { write, type P };\n",
      'plugin/gitops/write.ts': "import { engine } from '../policy/engine';\nexport const write = engine;\n",
      'plugin/output/print.ts': "export type P = number;\n",
    });
    const graph = importGraph(join(dir, 'plugin'));
    assert.equal(graph.get('plugin/b.ts'), ['plugin/sub/index.ts']);
    assert.equal(cycles(graph), [
      ['plugin/a.ts', 'plugin/b.ts', 'plugin/sub/index.ts', 'plugin/a.ts'],
      ['plugin/gitops/write.ts', 'plugin/policy/engine.ts', 'plugin/gitops/write.ts'],
      ['plugin/lazy-back.ts', 'plugin/lazy.ts', 'plugin/lazy-back.ts'],
      ['plugin/lone.ts', 'plugin/lone.ts'],
    ].sort(), 'every cycle, once');
    assert.equal(forbiddenImports(graph), ['plugin/policy/engine.ts -> plugin/gitops/write.ts', 'plugin/policy/engine.ts -> plugin/output/print.ts']);
  } finally {
    cleanup();
  }
});

test.run();
