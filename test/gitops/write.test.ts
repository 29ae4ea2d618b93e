import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { insideTree, writePlan } from '../../plugin/gitops/write';
import { tempDir } from '../helpers/tmp';

const write = suite('gitops/write');
let tmp: ReturnType<typeof tempDir>;
write.before.each(() => {
  tmp = tempDir();
});
write.after.each(() => tmp.cleanup());

write('new files are written with their folders and reported as created', () => {
  const result = writePlan(tmp.dir, [{ path: 'tenants/ns1/a.yaml', content: 'a: 1\n' }], false);
  assert.equal(result, { created: ['tenants/ns1/a.yaml'], updated: [], removed: [] });
  assert.is(readFileSync(join(tmp.dir, 'tenants/ns1/a.yaml'), 'utf8'), 'a: 1\n');
});

write('an existing file is never overwritten without force, and nothing else of the plan is written', () => {
  writeFileSync(join(tmp.dir, 'b.yaml'), 'mine\n');
  assert.throws(() => writePlan(tmp.dir, [{ path: 'a.yaml', content: 'x' }, { path: 'b.yaml', content: 'y' }], false),
    /b.yaml already exists .*--force/);
  assert.is(readFileSync(join(tmp.dir, 'b.yaml'), 'utf8'), 'mine\n');
  assert.equal(readdirSync(tmp.dir), ['b.yaml']);
});

write('force overwrites, and no temporary file is left behind', () => {
  writeFileSync(join(tmp.dir, 'b.yaml'), 'mine\n');
  const result = writePlan(tmp.dir, [{ path: 'b.yaml', content: 'new\n' }], true);
  assert.equal(result.updated, ['b.yaml']);
  assert.is(readFileSync(join(tmp.dir, 'b.yaml'), 'utf8'), 'new\n');
  assert.equal(readdirSync(tmp.dir), ['b.yaml']);
});

write('planned updates replace existing files without force', () => {
  writeFileSync(join(tmp.dir, 'kustomization.yaml'), 'resources: []\n');
  writePlan(tmp.dir, [{ path: 'kustomization.yaml', content: 'resources: [a]\n', update: true }], false);
  assert.is(readFileSync(join(tmp.dir, 'kustomization.yaml'), 'utf8'), 'resources: [a]\n');
});

write('paths with .. or absolute paths cannot escape the tree', () => {
  assert.throws(() => insideTree(tmp.dir, '../etc/passwd'), /must stay inside/);
  assert.throws(() => insideTree(tmp.dir, 'a/../../b'), /must stay inside/);
  assert.throws(() => insideTree(tmp.dir, '/etc/passwd'), /must stay inside/);
});

write('a symlinked folder leading outside the tree is refused', () => {
  const outside = tempDir();
  try {
    symlinkSync(outside.dir, join(tmp.dir, 'tenants'));
    assert.throws(() => writePlan(tmp.dir, [{ path: 'tenants/ns1/a.yaml', content: 'x' }], false), /leads outside/);
    assert.equal(readdirSync(outside.dir), []);
  } finally {
    outside.cleanup();
  }
});

write('a symlinked file is never written through, even with force', () => {
  const outside = tempDir();
  try {
    writeFileSync(join(outside.dir, 'target'), 'secret\n');
    symlinkSync(join(outside.dir, 'target'), join(tmp.dir, 'a.yaml'));
    assert.throws(() => writePlan(tmp.dir, [{ path: 'a.yaml', content: 'x' }], true), /symbolic link/);
    assert.is(readFileSync(join(outside.dir, 'target'), 'utf8'), 'secret\n');
  } finally {
    outside.cleanup();
  }
});

write('a missing tree is an error naming --gitops-dir', () => {
  assert.throws(() => writePlan(join(tmp.dir, 'nope'), [{ path: 'a', content: '' }], false),
    /--gitops-dir .*nope: no such file or directory/);
});

write('a symlinked folder inside the tree is fine', () => {
  mkdirSync(join(tmp.dir, 'real'));
  symlinkSync(join(tmp.dir, 'real'), join(tmp.dir, 'alias'));
  writePlan(tmp.dir, [{ path: 'alias/a.yaml', content: 'x' }], false);
  assert.is(readFileSync(join(tmp.dir, 'real/a.yaml'), 'utf8'), 'x');
});

write.run();
