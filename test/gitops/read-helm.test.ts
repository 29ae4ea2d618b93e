/**
 * Helm charts and unrendered templates in what check reads: a chart below a checked folder is left out with a
 * warning (its templates are not manifests), a chart named itself is a problem, and a template read as a file says
 * that it looks like one, at the template's line.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../plugin/errors';
import { requireTools } from '../helpers/ci';
import { runInProcess } from '../helpers/in-process';
import { readManifests } from '../../plugin/gitops/parse';
import { kustomizeWith } from '../../plugin/gitops/kustomize';
import { readInventory } from '../../plugin/gitops/read';
import { shellWord } from '../../plugin/gitops/read-paths';
import { KUSTOMIZE } from '../helpers/kustomize';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const helm = suite('gitops/read: Helm charts and unrendered templates');
let tmp: ReturnType<typeof tempDir>;
helm.before.each(() => {
  tmp = tempDir();
});
helm.after.each(() => tmp.cleanup());

const TEMPLATE = 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: {{ .Values.name }}\n';
const CHART = { 'Chart.yaml': 'apiVersion: v2\nname: iot\nversion: 0.1.0\n', 'values.yaml': 'name: iot1\n', 'templates/project.yaml': TEMPLATE };
const project = 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: iot2\n  namespace: ns1\n';

function chartTree(chartDir: string): void {
  writeTree(tmp.dir, {
    'apps/project.yaml': project,
    ...Object.fromEntries(Object.entries(CHART).map(([file, text]) => [`${chartDir}/${file}`, text])),
  });
}

async function problems(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

helm('a chart below the checked folder is left out, and the warning names it with the command that renders it', async () => {
  chartTree('charts/iot');
  const warnings: string[] = [];
  const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default', cwd: tmp.dir, warn: (m) => warnings.push(m) });
  assert.equal(inventory.map((l) => l.object.metadata.name), ['iot2']);
  assert.equal(warnings, ['charts/iot: a Helm chart, not checked (its templates are not manifests until Helm renders them); ' +
    'check what it renders: helm template charts/iot | kubectl iot check -']);
});

helm('the command names the chart from the working directory, quoted for the shell where it must be', async () => {
  chartTree("my charts/it's");
  const warnings: string[] = [];
  await readInventory([join(tmp.dir, 'my charts')], { kustomize: KUSTOMIZE, defaultNamespace: 'default', cwd: tmp.dir, warn: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /^it's: a Helm chart, not checked .*: helm template 'my charts\/it'\\''s' \| kubectl iot check -$/);
  // The quoted word is the folder's name again for a shell.
  const echoed = spawnSync('sh', ['-c', `printf %s ${shellWord("my charts/it's")}`], { encoding: 'utf8' }).stdout;
  assert.is(echoed, "my charts/it's");
});

helm('nothing is left out that nobody hears of: without a warn callback the chart is a problem', async () => {
  chartTree('charts/iot');
  assert.equal(await problems(() => readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default' })),
    ['charts/iot: a Helm chart, not checked (its templates are not manifests until Helm renders them); check what it renders: ' +
      `helm template ${join(tmp.dir, 'charts/iot')} | kubectl iot check -`]);
});

helm('a chart named as the checked folder is a problem: nothing of it would be checked', async () => {
  chartTree('charts/iot');
  const warnings: string[] = [];
  const lines = await problems(() => readInventory([join(tmp.dir, 'charts/iot')],
    { kustomize: KUSTOMIZE, defaultNamespace: 'default', cwd: tmp.dir, warn: (m) => warnings.push(m) }));
  assert.equal(lines, ['charts/iot: a Helm chart, which kubectl iot does not render; check what it renders: helm template charts/iot | kubectl iot check -']);
  assert.equal(warnings, []);
});

helm('a folder with a kustomization and a Chart.yaml is rendered by kustomize, as Argo CD would', async () => {
  writeTree(tmp.dir, { 'app/kustomization.yaml': 'resources:\n- project.yaml\n', 'app/project.yaml': project, 'app/Chart.yaml': CHART['Chart.yaml'] });
  const warnings: string[] = [];
  const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default', warn: (m) => warnings.push(m) });
  assert.equal(inventory.map((l) => l.object.metadata.name), ['iot2']);
  assert.equal(warnings, []);
});

helm('a template read as a file says it looks like one, at the line of its first {{', () => {
  const hint = ' (the document holds "{{": an unrendered Helm or Go template? Check what it renders, as in helm template CHART | kubectl iot check -)';
  const messages = (text: string) => readManifests(text, 't.yaml').problems.map((p) => `${p.line}: ${p.message}`);
  assert.equal(messages(`# a comment\n${TEMPLATE}`), [`5: metadata.name is a mapping, not a string${hint}`]);
  assert.equal(messages('{{- if .Values.on }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {{ toYaml .Values.l | nindent 4 }}\n{{- end }}\n'),
    [`1: malformed YAML: Block collections are not allowed within flow collections${hint}`]);
  // A problem of its own line keeps that line; a second document without {{ says nothing of templates.
  assert.equal(messages('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: "{{ .Values.n }}"\n---\napiVersion: v1\nkind: ConfigMap\n'),
    [`5: duplicate key "name" (first at line 4); kubectl and kustomize reject duplicate keys${hint}`,
      '7: metadata is missing; a Kubernetes object needs apiVersion, kind and metadata.name']);
  // Valid documents holding {{ (an ApplicationSet's template) are read as they are.
  const appset = 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: apps\nspec:\n  template:\n    metadata:\n      name: "{{path.basename}}"\n';
  assert.equal(readManifests(appset, 'a.yaml').problems, []);
});

const helmBinary = spawnSync('sh', ['-c', 'command -v helm'], { encoding: 'utf8' }).stdout.trim();
if (requireTools(helm, "a kustomization's helmCharts rendered through kustomize and Helm", helmBinary ? [] : ['helm'],
  'scripts/install-tools.sh helm')) {
  helm("a kustomization's helmCharts render as Argo CD's --enable-helm renders them; the chart inside is not walked", async () => {
    writeTree(tmp.dir, {
      'apps/iot/kustomization.yaml': 'helmCharts:\n- name: iot\n  releaseName: iot\n  valuesInline:\n    name: from-values\n',
      ...Object.fromEntries(Object.entries(CHART).map(([file, text]) => [`apps/iot/charts/iot/${file}`, text])),
    });
    const warnings: string[] = [];
    const inventory = await readInventory([tmp.dir], { kustomize: KUSTOMIZE, defaultNamespace: 'ns1', warn: (m) => warnings.push(m) });
    assert.equal(inventory.map(({ object, source }) => [object.metadata.namespace, object.metadata.name, source?.file]),
      [['ns1', 'from-values', 'apps/iot/kustomization.yaml']]);
    assert.equal(warnings, []);
    // Without helm on PATH, the build says what it needs.
    const withoutHelm = kustomizeWith({ ...process.env, PATH: (process.env.PATH ?? '').split(':').filter((d) => !d.includes('/helm-')).join(':') });
    assert.equal(await problems(() => readInventory([join(tmp.dir, 'apps/iot')], { kustomize: withoutHelm, defaultNamespace: 'ns1' })),
      [`${join(tmp.dir, 'apps/iot')}: renders a Helm chart (helmCharts), which needs helm on PATH; install Helm 3`]);
  });

  helm("helmCharts fail where the tool builds without --enable-helm: Flux always, Argo CD when the tree's argocd-cm says so", async () => {
    const deploys = (kind: 'flux' | 'argocd') => kind === 'flux'
      ? 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: flux-system, namespace: flux-system}\n' +
        'spec: {url: "ssh://git@git.example.com/iot.git"}\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n' +
        'metadata: {name: iot, namespace: flux-system}\nspec: {path: ./apps/iot, sourceRef: {kind: GitRepository, name: flux-system}}\n'
      : 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: iot, namespace: argocd}\n' +
        'spec: {source: {repoURL: "https://git.example.com/iot.git", path: apps/iot}, destination: {namespace: ns1}}\n';
    const tree = (kind: 'flux' | 'argocd') => writeTree(join(tmp.dir, kind), {
      'deploy.yaml': deploys(kind),
      'tenant.yaml': 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata: {name: default, namespace: ns1}\n',
      'apps/iot/kustomization.yaml': 'namespace: ns1\nhelmCharts:\n- name: iot\n  releaseName: iot\n',
      ...Object.fromEntries(Object.entries(CHART).map(([file, text]) => [`apps/iot/charts/iot/${file}`, text])),
    });
    tree('flux');
    tree('argocd');
    const flux = await runInProcess(['check', '-o', 'json', join(tmp.dir, 'flux')]);
    assert.is(flux.code, 2, flux.stderr);
    assert.equal(flux.stderr.trim().split('\n'), ['error: apps/iot: renders a Helm chart (helmCharts), which Kustomization flux-system/iot ' +
      "cannot deploy: Flux's kustomize-controller never runs kustomize with --enable-helm; deploy the chart with a Flux HelmRelease instead"]);
    // The same folder deployed by Argo CD renders (its kustomize build option --enable-helm), and so does the plain walk.
    const argocd = await runInProcess(['check', '-o', 'json', join(tmp.dir, 'argocd')]);
    assert.equal([argocd.code, argocd.stderr], [1, '']);
    assert.equal((JSON.parse(argocd.stdout) as { projects: { namespace: string; name: string }[] }).projects
      .map((p) => `${p.namespace}/${p.name}`), ['ns1/iot1']);
    // Without the Kustomization, the walk renders the chart as Argo CD would.
    rmSync(join(tmp.dir, 'flux/deploy.yaml'));
    const walked = await runInProcess(['check', '-o', 'json', join(tmp.dir, 'flux')]);
    assert.equal([walked.code, walked.stderr], [1, '']);
    // An argocd-cm in the tree decides for Argo CD: its kustomize.buildOptions without --enable-helm fail helmCharts.
    const config = (options: string) => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\n' +
      `data:\n  kustomize.buildOptions: ${options}\n  kustomize.buildOptions.v5.0.0: --enable-helm\n`;
    writeTree(join(tmp.dir, 'argocd'), { 'argocd-cm.yaml': config('--load-restrictor LoadRestrictionsNone') });
    const refused = await runInProcess(['check', '-o', 'json', join(tmp.dir, 'argocd')]);
    assert.equal([refused.code, refused.stderr.trim()], [2, 'error: apps/iot: renders a Helm chart (helmCharts), which Application ' +
      'argocd/iot cannot deploy: Argo CD builds it with the kustomize.buildOptions of its argocd-cm (argocd-cm.yaml:1), ' +
      'which has no --enable-helm; add --enable-helm there']);
    // As printed: with --enable-helm there, it renders; an Application naming kustomize v5.0.0 uses that version's options.
    writeTree(join(tmp.dir, 'argocd'), { 'argocd-cm.yaml': config('--load-restrictor LoadRestrictionsNone --enable-helm') });
    assert.equal((await runInProcess(['check', '-o', 'json', join(tmp.dir, 'argocd')])).code, 1);
    writeTree(join(tmp.dir, 'argocd'), { 'argocd-cm.yaml': config('""'),
      'deploy.yaml': deploys('argocd').replace('path: apps/iot}', 'path: apps/iot, kustomize: {version: v5.0.0}}') });
    const versioned = await runInProcess(['check', '-o', 'json', join(tmp.dir, 'argocd')]);
    assert.equal([versioned.code, versioned.stderr], [1, '']);
  });
}

helm.run();
