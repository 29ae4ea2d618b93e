/**
 * A manifest of the IoT model in a kustomize folder that no kustomization names is neither deployed nor checked:
 * the reader warns about it (gitops/unlisted.ts), with the kustomization to list it in, and stays quiet about
 * files the build takes, patches and generator inputs, other kinds, hidden folders and --exclude.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { excluder } from '../../plugin/gitops/exclude';
import { readInventory } from '../../plugin/gitops/read';
import { KUSTOMIZE } from '../helpers/kustomize';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const test = suite('read: manifests no kustomization names');

const project = (name: string, ns = 'ns1') =>
  `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec: {}\n`;
const kustomization = (...lines: string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${lines.join('\n')}\n`;

async function warningsOf(files: Record<string, string>, exclude: string[] = []): Promise<{ warnings: string[]; names: string[] }> {
  const tmp = tempDir();
  try {
    writeTree(tmp.dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default', cwd: tmp.dir,
      warn: (m) => warnings.push(m), excluded: excluder(exclude) });
    return { warnings, names: inventory.map(({ object }) => object.metadata.name ?? '').sort() };
  } finally {
    tmp.cleanup();
  }
}

test('a project beside the listed ones, not listed itself, is named with the kustomization to list it in', async () => {
  const { warnings, names } = await warningsOf({
    'kustomization.yaml': kustomization('resources:', '  - tenants'),
    'tenants/kustomization.yaml': kustomization('resources:', '  - ns1'),
    'tenants/ns1/kustomization.yaml': kustomization('resources:', '  - listed.yaml'),
    'tenants/ns1/listed.yaml': project('listed'),
    'tenants/ns1/forgotten.yaml': `${project('a')}---\n${project('b')}`,
    'tenants/ns1/sub/deeper.yaml': project('c'),
  });
  assert.equal(names, ['listed']);
  assert.equal(warnings, [
    'tenants/ns1/forgotten.yaml: IoTProject ns1/a, IoTProject ns1/b are in no kustomization, so kustomize (and Argo CD or ' +
      'Flux) never deploys them and check does not check them: list forgotten.yaml under resources: in tenants/ns1/kustomization.yaml',
    'tenants/ns1/sub/deeper.yaml: IoTProject ns1/c is in no kustomization, so kustomize (and Argo CD or Flux) never ' +
      'deploys it and check does not check it: list sub/deeper.yaml under resources: in tenants/ns1/kustomization.yaml',
  ]);
});

test('patches, generator files, other kinds, hidden folders, node_modules and excluded files get no warning', async () => {
  const { warnings, names } = await warningsOf({
    'kustomization.yaml': kustomization('resources:', '  - p.yaml', 'patches:', '  - path: patch.yaml',
      'configMapGenerator:', '  - name: c', '    files:', '      - data.json'),
    'p.yaml': project('p'),
    'patch.yaml': project('p').replace('spec: {}', 'spec:\n  configuration: {}'),
    'data.json': JSON.stringify({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'x' } }),
    'deploy/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: app\n',
    'deploy/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns9\n',
    '.github/p.yaml': project('hidden'),
    'node_modules/pkg/p.yaml': project('vendored'),
    'ansible/p.yaml': project('excluded'),
    'broken.yaml': 'kind: [',
  }, ['ansible/**']);
  assert.equal(names.filter((n) => !n.startsWith('c-')), ['p']); // and the generated ConfigMap
  assert.equal(warnings, []);
});

test('a plain folder (no kustomization) is read whole: nothing to warn about', async () => {
  const { warnings, names } = await warningsOf({ 'a.yaml': project('a'), 'sub/b.yaml': project('b') });
  assert.equal(names, ['a', 'b']);
  assert.equal(warnings, []);
});

test.run();
