import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../plugin/errors';
import { LIMITS } from '../../plugin/gitops/limits';
import { readInventory, type ReadOptions } from '../../plugin/gitops/read';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';
import { KUSTOMIZE } from '../helpers/kustomize';

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
  const inventory = await readInventory([join(tmp.dir, 'overlays/prod')], { kustomize: KUSTOMIZE, defaultNamespace: 'default' });
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
  const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'ns7' });
  assert.equal(inventory.map(({ object, source }) => [source?.file, source?.line, object.metadata.namespace]),
    [['a.yml', 1, 'ns7'], ['b/p.yaml', 1, 'ns7']]);
});

read('a nested kustomization inside a plain folder is rendered as a unit', async () => {
  writeTree(tmp.dir, {
    'tenants/ns1/kustomization.yaml': 'namespace: ns1\nresources:\n- p.yaml\n',
    'tenants/ns1/p.yaml': project('iot1'),
  });
  const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default' });
  assert.equal(inventory.map(({ object, source }) => [object.metadata.namespace, source?.file]),
    [['ns1', 'tenants/ns1/p.yaml']]);
});

read('stdin is read when the path is -', async () => {
  const inventory = await readInventory(['-'], { kustomize: KUSTOMIZE, defaultNamespace: 'x', readStdin: async () => `---\n${project('a')}` });
  assert.equal(inventory.map(({ source }) => source), [{ file: 'stdin', line: 2 }]);
});

read('a missing path is an error naming it', async () => {
  try {
    await readInventory([join(tmp.dir, 'missing.yaml')], { kustomize: KUSTOMIZE, defaultNamespace: 'x' });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match((error as Error).message, /missing.yaml: no such file or directory/);
  }
});

read('a failing kustomize build is an error naming the folder and the reason', async () => {
  writeTree(tmp.dir, { 'kustomization.yaml': 'resources:\n- gone.yaml\n' });
  try {
    await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'x' });
    assert.unreachable('should fail');
  } catch (error) {
    assert.match((error as Error).message, /kustomize build failed: resource "gone.yaml" cannot be read: no such file or directory/);
  }
});

/** The problems a read ends with (an InputError lists them all), or [] when it succeeds. */
async function problemsOf(paths: string[], options: Partial<ReadOptions> = {}): Promise<string[]> {
  try {
    await readInventory(paths, { kustomize: KUSTOMIZE, defaultNamespace: 'default', ...options });
    return [];
  } catch (error) {
    assert.instance(error, InputError);
    return (error as InputError).problems;
  }
}

read('every broken file of a tree is reported in one run, in the order they were read', async () => {
  writeTree(tmp.dir, {
    'a.yaml': 'apiVersion: v1\nkind: [\n',
    'b/c.yaml': '- not an object\n',
    'b/d.json': '{"kind": "Namespace", "metadata": {"name": "x"}}',
    'e.yml': project('fine'),
    'f.yaml': `${project('one')}---\nkind: Namespace\n---\n${project('two')}  name: again\n`,
  });
  assert.equal(await problemsOf([tmp.dir]), [
    'a.yaml:3: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    'b/c.yaml:1: the document is a sequence, not a mapping (a Kubernetes object); if the file is no manifest, leave it out with --exclude b/c.yaml',
    'b/d.json:1: apiVersion is missing; a Kubernetes object needs apiVersion, kind and metadata.name',
    'f.yaml:6: apiVersion and metadata are missing; a Kubernetes object needs apiVersion, kind and metadata.name',
    'f.yaml:12: duplicate key "name" (first at line 11); kubectl and kustomize reject duplicate keys',
  ]);
});

read('an object defined twice names both places; the same file reached twice is one definition', async () => {
  writeTree(tmp.dir, { 'a/p.yaml': project('iot1'), 'b/p.yaml': `# again\n${project('iot1')}` });
  symlinkSync(join(tmp.dir, 'a/p.yaml'), join(tmp.dir, 'a/link.yaml'));
  assert.equal(await problemsOf([join(tmp.dir, 'a')]), []);
  assert.equal((await readInventory([join(tmp.dir, 'a'), join(tmp.dir, 'a/p.yaml')], { kustomize: KUSTOMIZE, defaultNamespace: 'x' })).length, 1);
  assert.equal(await problemsOf([tmp.dir]), ['b/p.yaml:2: IoTProject default/iot1 is also defined at a/link.yaml:1; define each object once']);
});

read('two kustomize builds of one base render the same definitions, not duplicates', async () => {
  writeTree(tmp.dir, {
    'base/kustomization.yaml': 'resources:\n- p.yaml\n',
    'base/p.yaml': project('iot1'),
    'one/kustomization.yaml': 'resources:\n- ../base\n',
    'two/kustomization.yaml': 'resources:\n- ../base\ncommonLabels: {env: two}\n',
    'three/kustomization.yaml': 'namespace: other\nresources:\n- ../base\n',
  });
  const inventory = await readInventory([join(tmp.dir, 'one'), join(tmp.dir, 'two'), join(tmp.dir, 'three')],
    { kustomize: KUSTOMIZE, defaultNamespace: 'default', relativeTo: tmp.dir });
  assert.equal(inventory.map(({ object, source }) => [object.metadata.namespace, source?.file]),
    [['default', 'base/p.yaml'], ['other', 'base/p.yaml']]);
});

read('stdin given as bytes is checked as a file is: invalid UTF-8 is a problem', async () => {
  const readStdin = async () => Buffer.concat([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata: {name: caf'), Buffer.from([0xe9, 0x7d, 0x0a])]);
  assert.equal(await problemsOf(['-'], { readStdin }), ['stdin:3: invalid UTF-8 (byte 0xe9); manifests must be UTF-8 text']);
  assert.equal(await problemsOf(['-', '-'], { readStdin: async () => project('p') }), []);
});

read('stdin without a single object is a problem, as kubectl apply -f - makes it: checking nothing must not pass', async () => {
  const empty = ['stdin: no Kubernetes objects in the input; did the command before the pipe fail?'];
  for (const text of ['', '\n', '# only a comment\n---\n', 'name: a-values-file\n']) {
    assert.equal(await problemsOf(['-'], { readStdin: async () => text }), empty, JSON.stringify(text));
  }
  assert.equal(await problemsOf(['-'], { readStdin: async () => Buffer.alloc(0) }), empty);
  // A List with no items is objects the author meant to be none: still nothing to check, still refused.
  assert.equal(await problemsOf(['-'], { readStdin: async () => 'apiVersion: v1\nkind: List\nitems: []\n' }), empty);
});

read('a kustomize Component is checked inside the overlays that list it, not walked alone; named itself it is a problem', async () => {
  writeTree(tmp.dir, {
    'base/kustomization.yaml': 'resources:\n- p.yaml\n',
    'base/p.yaml': `${project('iot1')}  namespace: ns1\n`,
    'components/team/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n- pairs:\n    team: iot\n',
    'overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../../base\ncomponents:\n- ../../components/team\n',
  });
  const inventory = await readInventory([join(tmp.dir, 'overlays')], { kustomize: KUSTOMIZE, defaultNamespace: 'default' });
  assert.equal(inventory.map(({ object }) => [object.metadata.namespace, object.metadata.name, object.metadata.labels]),
    [['prod', 'iot1', { team: 'iot' }]]);
  const walked = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default' });
  assert.equal(walked.map(({ object }) => object.metadata.namespace).sort(), ['ns1', 'prod']);
  assert.equal(await problemsOf([join(tmp.dir, 'components/team')]), [`${join(tmp.dir, 'components/team')}: a kustomize Component (kind: Component), which ` +
    `kustomize builds only inside an overlay that lists it under components:; check that overlay`]);
});

read('a remote resource that cannot be fetched is named, with what the build needs (a host that never resolves)', async () => {
  writeTree(tmp.dir, { 'app/kustomization.yaml': 'resources:\n- https://kubectl-iot-test.invalid/org/repo//crds?ref=v1\n' });
  assert.equal(await problemsOf([tmp.dir]), ['app: kustomize build failed: resource "https://kubectl-iot-test.invalid/org/repo//crds?ref=v1" ' +
    "cannot be fetched: unable to access 'https://kubectl-iot-test.invalid/org/repo/': Could not resolve host: kubectl-iot-test.invalid " +
    '(kustomize fetches remote resources at every build: check needs network access to them, or vendor them into the tree)']);
});

read('a remote resource without a scheme (github.com/org/repo//path) or as git:: is named as one that cannot be fetched', async () => {
  const base = 'kustomize build failed: resource';
  const tail = '(kustomize fetches remote resources at every build: check needs network access to them, or vendor them into the tree)';
  writeTree(tmp.dir, {
    'a/kustomization.yaml': 'resources:\n- github.com/kubectl-iot-test-invalid/none//crds?ref=v1\n',
    'b/kustomization.yaml': 'resources:\n- ../c\n',
    'c/kustomization.yaml': 'resources:\n- git::https://kubectl-iot-test.invalid/org/repo//crds?ref=v1\n',
  });
  const problems = await problemsOf([join(tmp.dir, 'a'), join(tmp.dir, 'b')]);
  assert.is(problems.length, 2, problems.join('\n'));
  assert.ok(problems[0].startsWith(`${join(tmp.dir, 'a')}: ${base} "github.com/kubectl-iot-test-invalid/none//crds?ref=v1" cannot be fetched: `) &&
    problems[0].endsWith(tail), problems[0]);
  assert.is(problems[1], `${join(tmp.dir, 'b')}: ${base} "git::https://kubectl-iot-test.invalid/org/repo//crds?ref=v1" cannot be fetched: ` +
    `unable to access 'https://kubectl-iot-test.invalid/org/repo/': Could not resolve host: kubectl-iot-test.invalid ${tail}`);
  // A path kustomize takes as local (no host it fetches from) stays a file that cannot be read.
  writeTree(tmp.dir, { 'a/kustomization.yaml': 'resources:\n- kubectl-iot-test.invalid/org/repo//crds?ref=v1\n' });
  assert.match((await problemsOf([join(tmp.dir, 'a')]))[0], /resource "kubectl-iot-test\.invalid\/org\/repo\/\/crds\?ref=v1" cannot be read: no such file or directory/);
});

read('a resource that is malformed YAML: the file and line, then the resource kustomize names, each in one line', async () => {
  writeTree(tmp.dir, {
    'app/kustomization.yaml': 'resources:\n- ../base\n',
    'base/kustomization.yaml': 'resources:\n- fine.yaml\n- broken.yaml\n',
    'base/fine.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1}\n',
    'base/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n',
  });
  assert.equal(await problemsOf([join(tmp.dir, 'app')]), [
    '../base/broken.yaml:4: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    `${join(tmp.dir, 'app')}: kustomize build failed: resource "broken.yaml" is malformed YAML: did not find expected ',' or ']'`,
  ]);
});

read('an object two resources of a kustomization define is named with the file kustomize merged it from, not the overlay\'s path', async () => {
  const tenant = 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata: {name: default, namespace: ns1}\n';
  writeTree(tmp.dir, {
    'base/kustomization.yaml': 'resources:\n- tenant.yaml\n',
    'base/tenant.yaml': tenant,
    'app/kustomization.yaml': 'resources:\n- ../base\n- again.yaml\n',
    'app/again.yaml': tenant,
  });
  assert.equal(await problemsOf([join(tmp.dir, 'app')]), [`${join(tmp.dir, 'app')}: kustomize build failed: resource "again.yaml": may not add ` +
    'resource with an already registered id MessagingTenant.v1.enmasse.io/default.ns1 (defined twice: define each object once)']);
});

read('at most LIMITS.problems lines, then how many more', async () => {
  writeTree(tmp.dir, { 'many.yaml': Array.from({ length: LIMITS.problems + 7 }, (_, i) => `${i}\n`).join('---\n') });
  const problems = await problemsOf([tmp.dir]);
  assert.is(problems.length, LIMITS.problems + 1);
  assert.is(problems[LIMITS.problems], '... and 7 more problems');
});

read.run();
