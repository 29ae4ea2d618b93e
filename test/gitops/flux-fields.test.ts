/**
 * A Flux Kustomization's kustomize fields (namePrefix, nameSuffix, patches, components, images, the deprecated patch
 * lists, with targetNamespace) are built as Flux builds them: check's objects for the folder equal those of
 * tools/flux-build, which runs Flux's own generator and build (fluxcd/pkg/kustomize), on cases where merging the
 * fields into the folder's kustomization and applying them above it would differ (the folder's own namePrefix, a
 * patch that targets a name before the prefix, a component next to the folder's own).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readInventory } from '../../plugin/gitops/read';
import { gitopsExpander, type GitopsResult } from '../../plugin/gitops/render-sources';
import { canonicalKind } from '../../plugin/model/kinds';
import { requireTools, whenReady } from '../helpers/ci';
import { KUSTOMIZE } from '../helpers/kustomize';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const test = suite('Flux Kustomization fields: built as Flux builds them (tools/flux-build, fluxcd/pkg/kustomize)');
const ready = requireTools(test, 'every case', spawnSync('flux-build', []).error === undefined ? [] : ['flux-build'],
  'scripts/install-tools.sh flux-build');
const it = whenReady(test, ready);
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => { tmp = tempDir(); });
test.after.each(() => tmp.cleanup());

const KS = 'clusters/apps.yaml';
const project = (name: string, extra = '') => `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n${extra}spec: {}\n`;
const tenant = 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\nspec: {}\n';

/** The tree: `files` under apps/, and the Flux Kustomization deploying apps/prod with `spec` (YAML lines, 2 deep). */
function tree(files: Record<string, string>, spec: string): string {
  writeTree(tmp.dir, {
    [KS]: 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\n' +
      `spec:\n  path: ./apps/prod\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${spec}`,
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`apps/${name}`, text])),
  });
  return tmp.dir;
}

/** Every file of the tree and its text. */
function readTree(root: string): Record<string, string> {
  const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(files.map((e) => join(e.parentPath ?? e.path, e.name)).sort().map((f) => [f, readFileSync(f, 'utf8')]));
}

/** The model objects as `kind namespace/name {spec}`, sorted. */
function summary(objects: { apiVersion: string; kind: string; metadata: { namespace?: string; name?: string }; spec?: unknown }[]): string[] {
  return objects.filter((o) => canonicalKind(o.apiVersion, o.kind) !== undefined)
    .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name} ${JSON.stringify(o.spec ?? null)}`).sort();
}

/** What Flux deploys: its own build of the folder (from the artifact a GitRepository with `ignore` would make). */
function flux(root: string, ignore?: string): string[] {
  const ignoreFile = join(root, '..', 'spec-ignore');
  if (ignore !== undefined) writeFileSync(ignoreFile, ignore);
  const run = spawnSync('flux-build', [root, join(root, KS), ...(ignore === undefined ? [] : [ignoreFile])], { encoding: 'utf8' });
  assert.is(run.status, 0, run.stderr);
  return summary(parseAllDocuments(run.stdout).map((d) => d.toJS()));
}

/** What check deploys: its reading of the tree with the Kustomization rendered (the tree's only model objects are its). */
async function check(root: string): Promise<{ objects: string[]; warnings: string[] }> {
  const result: GitopsResult = { unchecked: [] };
  const inventory = await readInventory([root], { kustomize: KUSTOMIZE, defaultNamespace: 'default',
    expand: gitopsExpander({ repository: { root, urls: new Set() }, relativeTo: root, defaultNamespace: 'default', kustomize: KUSTOMIZE }, result) });
  return { objects: summary(inventory.map((l) => l.object)), warnings: result.unchecked.map((u) => u.reason) };
}

/** The GitRepository the Kustomization names, with `ignore` as its spec.ignore. */
const gitRepository = (ignore: string) => 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n' +
  `  namespace: flux-system\nspec:\n  url: https://git.example/repo.git\n  ignore: ${JSON.stringify(ignore)}\n`;
const json = (name: string) => JSON.stringify({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name }, spec: {} });
const NOT_KUBERNETES = 'steps:\n- name: builder\n';
const JSON_WHY = 'Flux writes the kustomization of a folder without one from its .yaml and .yml files only; rename them, or list them in a kustomization.yaml';

const CASES: Record<string, { files: Record<string, string>; spec: string; warnings?: string[]; top?: Record<string, string>; ignore?: string }> = {
  'a plain folder as the artifact has it: hidden files deployed; .json files, CI files and .sops.yaml not': {
    files: {
      'prod/project.yaml': project('sensors'), 'prod/.hidden/tenant.yaml': tenant, 'prod/.other.yml': project('hidden-file'),
      'prod/from.json': json('from-json'), 'prod/cloudbuild.yaml': NOT_KUBERNETES, 'prod/.github/workflows/ci.yaml': NOT_KUBERNETES,
      'prod/sub/.sops.yaml': NOT_KUBERNETES, 'prod/Upper.YAML': project('upper-extension'),
    },
    spec: '  targetNamespace: ns1\n',
    warnings: [`does not deploy apps/prod/from.json, apps/prod/Upper.YAML, so their objects are not checked: ${JSON_WHY}`],
  },
  'the same with kustomize fields: the kustomization Flux writes takes the same files': {
    files: {
      'prod/project.yaml': project('sensors'), 'prod/.hidden/tenant.yaml': tenant, 'prod/from.json': json('from-json'),
      'prod/cloudbuild.yaml': NOT_KUBERNETES, 'prod/sub/.sops.yaml': NOT_KUBERNETES,
    },
    spec: '  targetNamespace: ns1\n  nameSuffix: -x\n',
    warnings: ['its nameSuffix renames MessagingTenant ns1/default (apps/prod/.hidden/tenant.yaml) to default-x, which the controller ' +
      'ignores: deploy the tenant through a Kustomization without it', `does not deploy apps/prod/from.json, so their objects are not checked: ${JSON_WHY}`],
  },
  '.sourceignore files, at the root and below, replace the default exclusions (a nested ! includes again)': {
    top: { '.sourceignore': '# drafts\n*.draft.yaml\n/apps/prod/ignored.yaml\n' },
    files: {
      'prod/project.yaml': project('sensors'), 'prod/ignored.yaml': project('ignored'), 'prod/a.draft.yaml': project('draft'),
      'prod/sub/.sourceignore': '!keep.draft.yaml\n', 'prod/sub/keep.draft.yaml': project('kept-draft'), 'prod/.goreleaser.yml': project('goreleaser'),
    },
    spec: '  targetNamespace: ns1\n',
    warnings: ['does not deploy apps/prod/a.draft.yaml, so their objects are not checked: the GitRepository\'s artifact leaves them out ' +
      '("*.draft.yaml" of .sourceignore)', 'does not deploy apps/prod/ignored.yaml, so their objects are not checked: the GitRepository\'s ' +
      'artifact leaves them out ("/apps/prod/ignored.yaml" of .sourceignore)'],
  },
  'the GitRepository\'s spec.ignore': {
    files: { 'prod/project.yaml': project('sensors'), 'prod/skipped/project.yaml': project('skipped'), 'prod/cloudbuild.yaml': project('not-ci') },
    spec: '  targetNamespace: ns1\n', ignore: 'skipped/\n',
    warnings: ['does not deploy apps/prod/skipped/project.yaml, so their objects are not checked: the GitRepository\'s artifact leaves them ' +
      'out ("skipped/" of the GitRepository\'s spec.ignore)'],
  },
  'namePrefix replaces the folder\'s own, nameSuffix is added, targetNamespace sets the namespace': {
    files: {
      'base/kustomization.yaml': 'resources:\n- project.yaml\n', 'base/project.yaml': project('sensors'),
      'prod/kustomization.yaml': 'namePrefix: own-\nnamespace: ns1\nresources:\n- ../base\n- tenant.yaml\n', 'prod/tenant.yaml': tenant,
    },
    spec: '  namePrefix: flux-\n  nameSuffix: -x\n  targetNamespace: ns2\n',
    warnings: ['its namePrefix and nameSuffix rename MessagingTenant ns2/default (apps/prod/tenant.yaml) to flux-default-x, which the ' +
      'controller ignores: deploy the tenant through a Kustomization without them'],
  },
  'a patch that targets the name before the folder\'s namePrefix applies, as in the folder\'s own build step': {
    files: {
      'prod/kustomization.yaml': 'namePrefix: own-\nnamespace: ns1\nresources:\n- project.yaml\n', 'prod/project.yaml': project('sensors'),
    },
    spec: '  patches:\n    - target:\n        kind: IoTProject\n        name: sensors\n      patch: |\n        - op: add\n          path: /spec/patched\n' +
      '          value: true\n',
  },
  'components are appended to the folder\'s own; a missing one is skipped with ignoreMissingComponents': {
    files: {
      'prod/kustomization.yaml': 'namespace: ns1\nresources:\n- project.yaml\ncomponents:\n- ../own\n', 'prod/project.yaml': project('sensors'),
      'own/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- tenant.yaml\n', 'own/tenant.yaml': tenant,
      'flux/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- project.yaml\n',
      'flux/project.yaml': project('from-component'),
    },
    spec: '  components:\n    - ../flux\n    - ../missing\n  ignoreMissingComponents: true\n',
  },
  'patchesStrategicMerge and patchesJson6902 are appended': {
    files: { 'prod/kustomization.yaml': 'namespace: ns1\nresources:\n- project.yaml\n', 'prod/project.yaml': project('sensors') },
    spec: '  patchesStrategicMerge:\n    - apiVersion: iot.enmasse.io/v1alpha1\n      kind: IoTProject\n      metadata:\n        name: sensors\n' +
      '      spec:\n        merged: true\n  patchesJson6902:\n    - target:\n        version: v1alpha1\n        kind: IoTProject\n        name: sensors\n' +
      '      patch:\n        - op: replace\n          path: /metadata/name\n          value: renamed\n',
  },
  'images merge into the folder\'s by name (an IoTConfig\'s images are untouched; names and namespaces stay)': {
    files: {
      'prod/kustomization.yaml': 'namespace: ns1\nresources:\n- project.yaml\nimages:\n- name: app\n  newTag: "1"\n',
      'prod/project.yaml': project('sensors'),
    },
    spec: '  images:\n    - name: app\n      newName: registry.example/app\n    - name: other\n      newTag: "2"\n',
  },
};

for (const [name, { files, spec, warnings = [], top = {}, ignore }] of Object.entries(CASES)) {
  it(name, async () => {
    const root = tree(files, spec);
    writeTree(root, { ...top, ...(ignore === undefined ? {} : { 'clusters/git.yaml': gitRepository(ignore) }) });
    const expected = flux(root, ignore);
    const seen = await check(root);
    assert.equal(seen.objects, expected);
    assert.equal(seen.warnings, warnings);
  });
}

it('a namePrefix that renames the tenant: the project fails as in the cluster, and the warning says why and where', async () => {
  const root = tree({ 'prod/kustomization.yaml': 'namespace: ns1\nresources:\n- project.yaml\n- tenant.yaml\n',
    'prod/project.yaml': project('sensors'), 'prod/tenant.yaml': tenant }, '  namePrefix: prod-\n');
  writeTree(root, { 'infrastructure.yaml': '' });
  const seen = await check(root);
  assert.equal(seen.objects, flux(root));
  assert.ok(seen.objects.includes('MessagingTenant ns1/prod-default {}'), seen.objects.join('\n'));
  assert.equal(seen.warnings, ['its namePrefix renames MessagingTenant ns1/default (apps/prod/tenant.yaml) to prod-default, which the ' +
    'controller ignores: deploy the tenant through a Kustomization without it']);
  const run = await runInProcess(['check', '-o', 'json', root]);
  const report = JSON.parse(run.stdout) as { projects: { name: string; phase: string }[] };
  assert.equal(report.projects.map((p) => `${p.name} ${p.phase}`), ['prod-sensors Failed']);
});

it('a link in the folder is not deployed: the artifact holds regular files only', async () => {
  const root = tree({ 'prod/project.yaml': project('sensors') }, '  targetNamespace: ns1\n');
  const outside = tempDir();
  try {
    writeTree(outside.dir, { 'tenant.yaml': tenant });
    symlinkSync(join(outside.dir, 'tenant.yaml'), join(root, 'apps/prod/tenant.yaml'));
    await linked(root);
  } finally {
    outside.cleanup();
  }
});

async function linked(root: string): Promise<void> {
  const seen = await check(root);
  assert.equal(seen.objects, flux(root));
  assert.equal(seen.objects, ['IoTProject ns1/sensors {}']);
  assert.equal(seen.warnings, ['does not deploy apps/prod/tenant.yaml, so their objects are not checked: a GitRepository artifact holds ' +
    'no links; make them regular files']);
}

it('a YAML file that is no Kubernetes object, or a Helm chart, fails Flux\'s build of the folder, and check names it', async () => {
  const shapeless = 'the document has none of apiVersion, kind and metadata, and Flux fails to build the folder of a Kustomization with it';
  const cases: [string, string, RegExp, string][] = [
    ['prod/values.yaml', 'replicas: 3\n', /missing Resource metadata/, `1: ${shapeless}`],
    ['prod/chart/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 1.0.0\n', /missing kind in object/, '1: kind and metadata are missing'],
    // The tree's own reading took this file's project already: the Flux source reads it again, as Flux does.
    ['prod/mixed.yaml', `${project('mixed')}---\nreplicas: 3\n`, /missing Resource metadata/, `7: ${shapeless}`],
  ];
  for (const [file, text, fluxSays, checkSays] of cases) {
    tmp.cleanup();
    tmp = tempDir();
    const root = tree({ 'prod/project.yaml': project('sensors'), [file]: text }, '  targetNamespace: ns1\n');
    const built = spawnSync('flux-build', [root, join(root, KS)], { encoding: 'utf8' });
    assert.is(built.status, 1, built.stdout);
    assert.match(built.stderr, fluxSays);
    const run = await runInProcess(['check', root]);
    assert.is(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes(`error: apps/${file}:${checkSays}`), run.stderr);
  }
});

it('many renamed tenants get one warning that names three and counts the rest, not one line each', async () => {
  const files: Record<string, string> = { 'prod/kustomization.yaml': `resources:\n${[1, 2, 3, 4, 5].map((n) => `- t${n}.yaml\n`).join('')}` };
  for (const n of [1, 2, 3, 4, 5]) files[`prod/t${n}.yaml`] = tenant.replace('  name: default\n', `  name: default\n  namespace: ns${n}\n`);
  const seen = await check(tree(files, '  nameSuffix: -x\n'));
  assert.equal(seen.warnings, ['its nameSuffix renames 5 MessagingTenants named default, ns1/default (apps/prod/t1.yaml), ' +
    'ns2/default (apps/prod/t2.yaml), ns3/default (apps/prod/t3.yaml) and 2 more, to default-x, which the controller ignores: ' +
    'deploy the tenants through a Kustomization without it']);
});

/** The fix check prints for ns1's missing tenant, run with --gitops-dir: it must fail (exit 2) and write nothing. */
async function refusedFix(root: string): Promise<{ fix: string[]; stderr: string }> {
  const failing = await runInProcess(['check', '-o', 'json', root]);
  const results = (JSON.parse(failing.stdout) as { results: { policy: string; remediation: string }[] }).results;
  const fix = results.find((r) => r.policy === 'project-requires-messaging-tenant')?.remediation ?? '';
  assert.match(fix, /^kubectl iot create tenant -n ns1\b/);
  const before = readTree(root);
  const run = await runInProcess([...fix.split(' ').slice(2), '--gitops-dir', root]);
  assert.is(run.code, 2, run.stderr);
  assert.equal(readTree(root), before);
  return { fix: [...fix.split(' ').slice(2), '--gitops-dir', root], stderr: run.stderr };
}

/** Once the cause is gone, the same fix writes the tenant, and check no longer misses it. */
async function fixFixes(root: string, fix: string[]): Promise<void> {
  assert.is((await runInProcess(fix)).code, 0);
  const fixed = JSON.parse((await runInProcess(['check', '-o', 'json', root])).stdout) as { results: { policy: string }[] };
  assert.not.ok(fixed.results.some((r) => r.policy === 'project-requires-messaging-tenant'));
}

it('the printed fix refuses to write the tenant where the namePrefix would rename it, and writes nothing', async () => {
  const root = tree({ 'prod/kustomization.yaml': 'namespace: ns1\nresources:\n- project.yaml\n', 'prod/project.yaml': project('sensors') },
    '  namePrefix: prod-\n');
  const { fix, stderr } = await refusedFix(root);
  assert.is(stderr.trim(), 'error: MessagingTenant ns1/default would go into apps/prod, which Kustomization flux-system/apps ' +
    '(clusters/apps.yaml:1) deploys with namePrefix "prod-": Flux would rename it to prod-default, which the controller ignores; ' +
    'deploy the tenant through a Kustomization without it, or drop it from this one');
  writeTree(root, { [KS]: readFileSync(join(root, KS), 'utf8').replace('  namePrefix: prod-\n', '') });
  await fixFixes(root, fix);
});

it('the printed fix refuses a folder the renaming Kustomization reaches only through resources: ../base', async () => {
  const root = tree({ 'base/kustomization.yaml': 'namespace: ns1\nresources:\n- project.yaml\n', 'base/project.yaml': project('sensors'),
    'prod/kustomization.yaml': 'resources:\n- ../base\n', 'other/kustomization.yaml': 'resources: []\n' }, '  namePrefix: prod-\n');
  const { stderr } = await refusedFix(root);
  assert.match(stderr, /^error: MessagingTenant ns1\/default would go into apps\/base, which Kustomization flux-system\/apps \(clusters\/apps\.yaml:1\) deploys with namePrefix "prod-"/);
});

it('the printed fix refuses a file the GitRepository\'s artifact leaves out, and writes nothing', async () => {
  const root = tree({ 'prod/project.yaml': project('sensors') }, '  targetNamespace: ns1\n');
  writeTree(root, { '.sourceignore': 'messaging-*.yaml\n' });
  const { fix, stderr } = await refusedFix(root);
  assert.match(stderr, /^error: MessagingTenant ns1\/default would go into apps\/prod\/\S+\.yaml, which Kustomization flux-system\/apps \(clusters\/apps\.yaml:1\) would deploy, but its GitRepository's artifact leaves the file out \("messaging-\*\.yaml" of \.sourceignore\)/);
  writeTree(root, { '.sourceignore': '# nothing\n' });
  await fixFixes(root, fix);
});

it('a build that fails in the mirror names the repository\'s folder, not the mirror\'s', async () => {
  const root = tree({ 'prod/kustomization.yaml': 'resources:\n- gone.yaml\n' }, '  namePrefix: prod-\n');
  const run = await runInProcess(['check', '-o', 'json', root]);
  assert.is(run.code, 2);
  assert.not.match(run.stderr, /kubectl-iot-flux-/);
  assert.match(run.stderr, /apps\/prod: kustomize build failed: resource "gone\.yaml" cannot be read: no such file or directory/);
});

it('a plain folder: the fields apply to the kustomization Flux writes for it (its YAML files, its kustomization folders)', async () => {
  const root = tree({
    'prod/b-project.yaml': project('sensors', '  namespace: ns1\n'), 'prod/a/deep/project.yml': project('deep'),
    'prod/notes.json': '{"not": "read by Flux"}', 'prod/README.md': '# not a manifest\n',
    'prod/kustomized/kustomization.yaml': 'namePrefix: own-\nresources:\n- tenant.yaml\n', 'prod/kustomized/tenant.yaml': tenant,
    'prod/kustomized/unlisted.yaml': project('unlisted'),
  }, '  namePrefix: prod-\n  targetNamespace: ns2\n  patches:\n    - target:\n        kind: IoTProject\n        name: deep\n' +
    '      patch: |\n        - op: add\n          path: /spec/patched\n          value: true\n');
  const expected = flux(root);
  assert.ok(expected.includes('IoTProject ns2/prod-deep {"patched":true}'), expected.join('\n'));
  const seen = await check(root);
  assert.equal(seen.objects, expected);
  assert.equal(seen.warnings, []);
});

it('a plain folder without manifests builds to nothing, as Flux\'s placeholder kustomization does', async () => {
  const root = tree({ 'prod/README.md': '# nothing yet\n' }, '  namePrefix: prod-\n');
  assert.equal(flux(root), []);
  const seen = await check(root);
  assert.equal(seen.objects, []);
  assert.equal(seen.warnings, []);
});

test.run();
