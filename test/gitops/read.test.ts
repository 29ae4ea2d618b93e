import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readInventory } from '../../plugin/gitops/read';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const read = suite('gitops/read (real kustomize via kubectl)');
let tmp: ReturnType<typeof tempDir>;
read.before.each(() => {
  tmp = tempDir();
});
read.after.each(() => tmp.cleanup());

const project = (name: string) => `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n`;
const tenant = 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\n';

read('a kustomize namespace transformer decides where objects land, and lines map back to source files', async () => {
  writeTree(tmp.dir, {
    'base/kustomization.yaml': 'resources:\n- objects.yaml\n',
    'base/objects.yaml': `# tenant and project\n${tenant}---\n${project('iot1')}`,
    'overlays/prod/kustomization.yaml': 'namespace: prod-ns\nresources:\n- ../../base\n',
  });
  const inventory = await readInventory([join(tmp.dir, 'overlays/prod')], { defaultNamespace: 'default' });
  const seen = inventory.map(({ object, source }) =>
    [object.kind, object.metadata.namespace, source?.file, source?.line, object.metadata.annotations]);
  assert.equal(seen.sort(), [
    ['IoTProject', 'prod-ns', '../../base/objects.yaml', 7, undefined],
    ['MessagingTenant', 'prod-ns', '../../base/objects.yaml', 2, undefined],
  ]);
});

read('a folder without kustomization is walked; files are relative to it and take the default namespace', async () => {
  writeTree(tmp.dir, {
    'b/p.yaml': project('iot2'),
    'a.yml': `${tenant}`,
    'notes.txt': 'not yaml',
    '.github/workflows/ci.yaml': 'on: push\n',
  });
  const inventory = await readInventory([tmp.dir], { defaultNamespace: 'ns7' });
  assert.equal(inventory.map(({ object, source }) => [source?.file, source?.line, object.metadata.namespace]),
    [['a.yml', 1, 'ns7'], ['b/p.yaml', 1, 'ns7']]);
});

read('a nested kustomization inside a plain folder is rendered as a unit', async () => {
  writeTree(tmp.dir, {
    'tenants/ns1/kustomization.yaml': 'namespace: ns1\nresources:\n- p.yaml\n',
    'tenants/ns1/p.yaml': project('iot1'),
  });
  const inventory = await readInventory([tmp.dir], { defaultNamespace: 'default' });
  assert.equal(inventory.map(({ object, source }) => [object.metadata.namespace, source?.file]),
    [['ns1', 'tenants/ns1/p.yaml']]);
});

read('stdin is read when the path is -', async () => {
  const inventory = await readInventory(['-'], { defaultNamespace: 'x', readStdin: async () => `---\n${project('a')}` });
  assert.equal(inventory.map(({ source }) => source), [{ file: 'stdin', line: 2 }]);
});

read('a missing path is an error naming it', async () => {
  try {
    await readInventory([join(tmp.dir, 'missing.yaml')], { defaultNamespace: 'x' });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match((error as Error).message, /missing.yaml: no such file or directory/);
  }
});

read('a failing kustomize build is an error naming the folder and the reason', async () => {
  writeTree(tmp.dir, { 'kustomization.yaml': 'resources:\n- gone.yaml\n' });
  try {
    await readInventory([tmp.dir], { defaultNamespace: 'x' });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match((error as Error).message, /kustomize build failed: resource "gone.yaml" cannot be read: no such file or directory/);
  }
});

read.run();
