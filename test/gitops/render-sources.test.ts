import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';
import { normalizeGitUrl } from '../../plugin/gitops/repository';
import { substituteText } from '../../plugin/gitops/substitute';
import { applicationSetApps } from '../../plugin/gitops/appset';

const FIXTURES = join(ROOT, 'test/fixtures/gitops-sources');

interface Report {
  projects: { namespace: string; name: string; phase: string; source?: { file: string } }[];
  results: { policy: string; message: string; file?: string }[];
}

/** A copy of a fixture (with the shared infrastructure) outside any Git work tree: no remote URL is known. */
function fixture(name: string, dir: string): string {
  const repo = join(dir, name);
  cpSync(join(FIXTURES, name), repo, { recursive: true });
  cpSync(join(FIXTURES, 'infrastructure.yaml'), join(repo, 'infrastructure.yaml'));
  return repo;
}
const edit = (file: string, from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
async function check(repo: string, ...flags: string[]) {
  const run = await runInProcess(['check', '-o', 'json', repo, ...flags]);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as Report };
}
const projects = (report: Report) => report.projects.map((p) => `${p.namespace}/${p.name} ${p.phase}`);

const test = suite('check: Argo CD Applications and Flux Kustomizations decide where a tree\'s objects land');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => { tmp = tempDir(); });
test.after.each(() => tmp.cleanup());

test('Argo CD: a project without a namespace fails only because its destination namespace lacks a tenant', async () => {
  const repo = fixture('argocd', tmp.dir);
  const failing = await check(repo);
  assert.is(failing.code, 1);
  // Counted once, where the Application puts it, not also in "default" as a plain read of the file would.
  assert.equal(projects(failing.report), ['ns2/iot1 Failed']);
  assert.equal(failing.report.results.map((r) => [r.policy, r.file, r.message]), [
    ['project-requires-messaging-tenant', 'apps/iot/iot-project.yaml', 'There is no MessagingTenant named default in namespace ns2'],
  ]);
  assert.is(failing.stderr, '');
  // The tenant's Application deployed to ns2 as well: the same files now pass.
  edit(join(repo, 'deploy/applications.yaml'), 'namespace: ns1', 'namespace: ns2');
  const passing = await check(repo);
  assert.is(passing.code, 0, passing.stderr);
  assert.equal(projects(passing.report), ['ns2/iot1 Active']);
});

test('Argo CD: a .jsonnet file in a source folder is named as not checked (Argo CD evaluates it), with directory.recurse or without', async () => {
  const repo = fixture('argocd', tmp.dir);
  writeFileSync(join(repo, 'apps/iot/tenant.jsonnet'), '{ apiVersion: "enmasse.io/v1", kind: "MessagingTenant", metadata: { name: "default" } }\n');
  mkdirSync(join(repo, 'apps/iot/more'));
  writeFileSync(join(repo, 'apps/iot/more/other.jsonnet'), '{}\n');
  const why = 'a Jsonnet file, which Argo CD evaluates and kubectl iot does not: the objects it makes are not checked';
  const flat = await check(repo);
  assert.is(flat.stderr, `warning: deploy/applications.yaml:18: Application argocd/iot: apps/iot/tenant.jsonnet: ${why}\n`);
  edit(join(repo, 'deploy/applications.yaml'), '    path: apps/iot\n', '    path: apps/iot\n    directory:\n      recurse: true\n');
  const deep = await check(repo);
  assert.equal(deep.stderr.trim().split('\n'), [`warning: deploy/applications.yaml:18: Application argocd/iot: apps/iot/more/other.jsonnet: ${why}`,
    `warning: deploy/applications.yaml:18: Application argocd/iot: apps/iot/tenant.jsonnet: ${why}`]);
  // The verdict is the files' (the Jsonnet tenant is not taken as deployed).
  assert.equal(projects(deep.report), ['ns2/iot1 Failed']);
});

test('Argo CD: directory.include and exclude decide which files of the folder are deployed and checked, as its globs match', async () => {
  const repo = fixture('argocd', tmp.dir);
  const tenant = 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\nspec: {}\n';
  writeFileSync(join(repo, 'apps/iot/tenant.yaml'), tenant);
  const app = join(repo, 'deploy/applications.yaml');
  const original = readFileSync(app, 'utf8');
  const withDirectory = (lines: string[]) => writeFileSync(app, original.replace('    path: apps/iot\n',
    `    path: apps/iot\n    directory:\n${lines.map((l) => `      ${l}\n`).join('')}`));
  // Deployed with the project: the tenant makes it Active.
  assert.equal(projects((await check(repo)).report), ['ns2/iot1 Active']);
  // Left out by exclude: not deployed, so not counted anywhere (not in "default" either), and said so.
  withDirectory(["exclude: 'tenant.yaml'"]);
  const excluded = await check(repo);
  assert.equal(projects(excluded.report), ['ns2/iot1 Failed']);
  assert.is(excluded.stderr, 'warning: deploy/applications.yaml:18: Application argocd/iot: does not deploy apps/iot/tenant.yaml, ' +
    'so their objects are not checked: its directory.exclude "tenant.yaml" leaves them out\n');
  // include: only what it matches ({a,b} alternatives; * matches across folders with recurse).
  withDirectory(["include: '{iot-project,other}.yaml'"]);
  assert.equal(projects((await check(repo)).report), ['ns2/iot1 Failed']);
  mkdirSync(join(repo, 'apps/iot/sub'));
  writeFileSync(join(repo, 'apps/iot/sub/tenant.yaml'), tenant);
  rmSync(join(repo, 'apps/iot/tenant.yaml'));
  withDirectory(['recurse: true', "include: '*.yaml'"]);
  assert.equal(projects((await check(repo)).report), ['ns2/iot1 Active']);
  withDirectory(['recurse: true', "exclude: 'sub/*'"]);
  const deep = await check(repo);
  assert.equal(projects(deep.report), ['ns2/iot1 Failed']);
  assert.match(deep.stderr, /does not deploy apps\/iot\/sub\/tenant\.yaml, so their objects are not checked: its directory\.exclude "sub\/\*" leaves them out/);
  assert.not.match(deep.stderr, /rendered without/);
});

test('Flux: targetNamespace overrides the files\' namespace, postBuild.substitute values and defaults are applied', async () => {
  const repo = fixture('flux', tmp.dir);
  const failing = await check(repo);
  assert.is(failing.code, 1);
  assert.equal(projects(failing.report), ['ns2/iot1 Failed']);
  assert.equal(failing.report.results.map((r) => r.message), ['There is no MessagingTenant named default in namespace ns2']);
  edit(join(repo, 'clusters/prod/sync.yaml'), 'targetNamespace: ns2', 'targetNamespace: ns1');
  edit(join(repo, 'clusters/prod/sync.yaml'), 'project: iot1', 'project: p1');
  const passing = await check(repo);
  assert.is(passing.code, 0, passing.stderr);
  assert.equal(projects(passing.report), ['ns1/p1 Active']);
  const shown = await runInProcess(['check', '-o', 'yaml', repo]);
  assert.match(shown.stdout, /namespace: ns1\n\s+name: p1\n/);
});

/** The Flux fixture with its project in ns1, the Kustomization's variables from ConfigMap cluster-vars and then `more`. */
function substitutingFrom(more: string) {
  const repo = fixture('flux', tmp.dir);
  const sync = join(repo, 'clusters/prod/sync.yaml');
  edit(sync, 'targetNamespace: ns2', 'targetNamespace: ns1');
  edit(sync, '    substitute:\n      project: iot1\n', `    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-vars\n${more}`);
  return { repo, sync };
}

test('Flux: postBuild.substituteFrom ConfigMaps and Secrets of the tree give variables (later ones win, inline substitute over all)', async () => {
  const { repo, sync } = substitutingFrom('      - kind: Secret\n        name: cluster-secrets\n');
  writeTree(repo, {
    // Another namespace's ConfigMap of the same name is not the Kustomization's.
    'clusters/prod/vars.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cluster-vars, namespace: flux-system}\n' +
      'data: {project: from-map, tier: silver}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cluster-vars, namespace: other}\n' +
      'data: {project: wrong}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: cluster-secrets, namespace: flux-system}\n' +
      `data: {project: ${Buffer.from('from-secret').toString('base64')}}\n`,
  });
  const labels = async () => {
    const run = await runInProcess(['check', '-o', 'json', repo]);
    return { run, names: (JSON.parse(run.stdout) as Report).projects.map((p) => p.name) };
  };
  // The Secret comes later: its project wins; the ConfigMap's tier stays.
  let seen = await labels();
  assert.equal(seen.names, ['from-secret'], seen.run.stderr);
  assert.is(seen.run.stderr, '');
  // Inline values win over both.
  edit(sync, '    substituteFrom:\n', '    substitute:\n      project: inline\n    substituteFrom:\n');
  seen = await labels();
  assert.equal(seen.names, ['inline']);
  // A Secret's stringData wins over its data, as the API server merges them.
  edit(join(repo, 'clusters/prod/vars.yaml'), /data: \{project: [^}]+\}\n$/, 'stringData: {tier: platinum}\n');
  edit(sync, '      project: inline\n', '      unrelated: x\n');
  seen = await labels();
  assert.equal(seen.names, ['from-map']);
});

test('Flux: a substituteFrom object the tree lacks, or encrypted with SOPS, is named, and its variables stay as written', async () => {
  const { repo } = substitutingFrom('      - kind: Secret\n        name: sealed\n        optional: true\n');
  writeTree(repo, {
    'clusters/prod/sealed.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: sealed, namespace: flux-system}\n' +
      'data: {project: \'ENC[AES256_GCM,data:abc=,type:str]\'}\nsops: {version: 3.9.0}\n',
  });
  const run = await runInProcess(['check', '-o', 'json', repo]);
  assert.is(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  // Not emptied (a project without a name) nor guessed: the name is the variable, which the finding shows.
  assert.equal(report.projects.map((p) => p.name), ['${project}']);
  assert.match(report.results.map((r) => r.message).join('\n'), /\$\{project\}/);
  assert.equal(run.stderr.trim().split('\n').map((line) => line.replace(/^warning: [^ ]+ /, '')), [
    'Kustomization flux-system/iot: rendered without the variables of ConfigMap flux-system/cluster-vars: it is not in the checked ' +
      'tree (Flux fails the Kustomization if the cluster lacks it too); variables without a value stay as written',
    'Kustomization flux-system/iot: rendered without the variables of Secret flux-system/sealed: it is encrypted with SOPS; ' +
      'variables without a value stay as written',
  ]);
});

/** The Flux fixture whose iot Kustomization deploys the folder `nested`, where a Kustomization's path is a variable. */
function nestedFrom(nested: string) {
  const repo = fixture('flux', mkdirSync(join(tmp.dir, nested.replace('/', '-')), { recursive: true })!);
  const sync = join(repo, 'clusters/prod/sync.yaml');
  edit(sync, 'path: ./apps/iot', `path: ./${nested}`);
  edit(sync, 'project: iot1', 'where: apps/iot');
  writeTree(repo, {
    [`${nested}/ks.yaml`]: 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: nested, namespace: flux-system}\n' +
      'spec:\n  path: ./${where}\n  sourceRef: {kind: GitRepository, name: flux-system}\n  postBuild:\n    substitute: {project: deep}\n',
  });
  return repo;
}

test('Flux: a Kustomization that a substituting Kustomization deploys is a source only as substituted (its path from a variable)', async () => {
  // Read before the Kustomization that deploys it (clusters/a-nested), and after it (clusters/z-nested): the same.
  for (const nested of ['clusters/a-nested', 'clusters/z-nested']) {
    const { report, stderr } = await check(nestedFrom(nested));
    assert.equal(projects(report), ['ns1/deep Active'], nested);
    // Not also as the tree's reading has it, unsubstituted: its path ./${where} is no folder.
    assert.is(stderr, '', nested);
  }
});

test('a Kustomization another Kustomization deploys gives its warning once, not once as read and once as deployed', async () => {
  const repo = fixture('flux', tmp.dir);
  writeTree(repo, {
    'clusters/prod/elsewhere.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: elsewhere, namespace: flux-system}\n' +
      'spec:\n  path: ./apps\n  sourceRef: {kind: OCIRepository, name: apps}\n',
    'clusters/root.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: root, namespace: flux-system}\n' +
      'spec:\n  path: ./clusters/prod\n  sourceRef: {kind: GitRepository, name: flux-system}\n',
  });
  const { stderr } = await check(repo);
  assert.equal(stderr.trim().split('\n'), ['warning: clusters/prod/elsewhere.yaml:1: Kustomization flux-system/elsewhere: ' +
    'not checked: its source is OCIRepository apps, not a GitRepository']);
});

test('an ApplicationSet\'s list and git directory generators deploy their folders to the namespaces they name', async () => {
  const repo = fixture('argocd', tmp.dir);
  writeTree(repo, {
    'deploy/applications.yaml': '',
    'deploy/appsets.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: tenants, namespace: argocd}
spec:
  generators:
    - git:
        repoURL: https://git.example.com/platform/iot.git
        revision: HEAD
        directories: [{path: tenants/*}]
  template:
    metadata: {name: 'tenant-{{path.basename}}'}
    spec:
      project: default
      source: {repoURL: https://git.example.com/platform/iot.git, path: '{{path}}'}
      destination: {server: https://kubernetes.default.svc, namespace: '{{path.basename}}'}
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: projects, namespace: argocd}
spec:
  goTemplate: true
  generators:
    - list:
        elements: [{namespace: ns1}, {namespace: ns2}]
  template:
    metadata: {name: 'iot-{{ .namespace }}'}
    spec:
      project: default
      source: {repoURL: https://git.example.com/platform/iot.git, path: apps/iot}
      destination: {server: https://kubernetes.default.svc, namespace: '{{ .namespace }}'}
`,
  });
  const { code, report } = await check(repo);
  assert.is(code, 1);
  assert.equal(projects(report), ['ns1/iot1 Active', 'ns2/iot1 Failed']);
});

test('sources outside the repository are reported as not checked, one warning each, and do not change the verdict', async () => {
  const repo = fixture('argocd', tmp.dir);
  writeTree(repo, {
    'deploy/elsewhere.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: chart, namespace: argocd}
spec:
  source: {repoURL: https://charts.example.com, chart: iot, targetRevision: 1.0.0}
  destination: {namespace: ns3}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: other, namespace: argocd}
spec:
  source: {repoURL: https://github.com/someone/else.git, path: apps/iot}
  destination: {namespace: ns3}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: oci, namespace: flux-system}
spec:
  path: ./
  sourceRef: {kind: OCIRepository, name: podinfo}
`,
  });
  const { code, stderr, report } = await check(repo, '--repo-url', 'git@git.example.com:platform/iot.git');
  assert.is(code, 1);
  assert.equal(projects(report), ['ns2/iot1 Failed']);
  assert.equal(stderr.split('\n').filter(Boolean), [
    'warning: deploy/elsewhere.yaml:1: Application argocd/chart: not checked: Helm chart iot from https://charts.example.com',
    'warning: deploy/elsewhere.yaml:8: Application argocd/other: not checked: its source https://github.com/someone/else.git is another repository than the one checked',
    'warning: deploy/elsewhere.yaml:15: Kustomization flux-system/oci: not checked: its source is OCIRepository podinfo, not a GitRepository',
  ]);
  // Known URLs that none of the Applications name: nothing of this repository is rendered, and each says so.
  const other = await check(repo, '--repo-url', 'https://git.example.com/platform/other.git');
  assert.match(other.stderr, /Application argocd\/iot: not checked: its source https:\/\/git\.example\.com\/platform\/iot\.git is another repository/);
});

test('every fix fixes: the printed remediation writes into the folder the Application or Kustomization deploys to ns2', async () => {
  for (const name of ['argocd', 'flux']) {
    const repo = fixture(name, join(tmp.dir, name));
    const failing = await runInProcess(['check', '-o', 'json', repo]);
    const fixes = [...new Set((JSON.parse(failing.stdout) as { results: { remediation: string }[] }).results.map((r) => r.remediation))];
    assert.equal(fixes, ['kubectl iot create tenant -n ns2'], name);
    const fixed = await runInProcess([...fixes[0].split(' ').slice(2), '--gitops-dir', repo]);
    assert.equal([fixed.code, fixed.stderr], [0, 'created apps/iot/messaging-tenant.yaml\n'], name);
    const after = await check(repo);
    assert.equal([after.code, projects(after.report)], [0, ['ns2/iot1 Active']], name);
  }
});

test('a kustomization folder that the tree\'s reading built already is not built again for the Application', async () => {
  const repo = fixture('argocd', tmp.dir);
  writeTree(repo, { 'apps/iot/kustomization.yaml': 'resources: [iot-project.yaml]\n' });
  const log = join(tmp.dir, 'kustomize.log');
  // kubectl itself, through a wrapper that logs each call (the context's KUBECTL is the binary gitops/kustomize.ts runs).
  writeTree(tmp.dir, { 'kubectl-logged': `#!/bin/sh\necho "$@" >> '${log}'\nexec kubectl "$@"\n` });
  chmodSync(join(tmp.dir, 'kubectl-logged'), 0o755);
  const run = await runInProcess(['check', '-o', 'json', repo], { env: { KUBECTL: join(tmp.dir, 'kubectl-logged') } });
  assert.is(run.code, 1, run.stderr);
  assert.equal(projects(JSON.parse(run.stdout)), ['ns2/iot1 Failed']);
  assert.is(readFileSync(log, 'utf8').trim().split('\n').length, 1);
});

test('the checked folder\'s Git remotes name this repository, and its work tree\'s root is where source paths start', async () => {
  const repo = fixture('argocd', tmp.dir);
  const git = (...args: string[]) => spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  assert.is(git('init', '-q').status, 0);
  assert.is(git('remote', 'add', 'origin', 'git@git.example.com:Platform/IoT.git').status, 0);
  // Checked from a subfolder: paths still start at the work tree's root, and the remote is this repository.
  const sub = await check(join(repo, 'deploy'));
  assert.equal([sub.code, projects(sub.report), sub.stderr], [1, ['ns2/iot1 Failed'], '']);
  assert.is(git('remote', 'set-url', 'origin', 'https://git.example.com/platform/fork.git').status, 0);
  const fork = await check(repo);
  assert.match(fork.stderr, /^warning: deploy\/applications\.yaml:18: Application argocd\/iot: not checked: its source https:\/\/git\.example\.com\/platform\/iot\.git is another repository than the one checked$/m);
});

test('an object an Application renders and another file of the tree also defines is still defined twice (exit 2)', async () => {
  const repo = fixture('argocd', tmp.dir);
  const tenant = 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata: {name: default, namespace: ns2}\nspec: {}\n';
  writeTree(repo, { 'apps/iot/messaging-tenant.yaml': tenant, 'elsewhere/messaging-tenant.yaml': tenant });
  const run = await runInProcess(['check', repo]);
  assert.equal([run.code, run.stdout], [2, '']);
  assert.is(run.stderr, 'error: apps/iot/messaging-tenant.yaml:1: MessagingTenant ns2/default is also defined at ' +
    'elsewhere/messaging-tenant.yaml:1; define each object once\n');
});

test('Git URLs name the same repository whatever their form (scp-like, ssh://, https, .git, case)', () => {
  const forms = ['git@github.com:Org/Repo.git', 'ssh://git@github.com/org/repo', 'https://github.com/org/repo.git/',
    'https://user@github.com/Org/Repo', 'ssh://git@github.com:22/org/repo.git'];
  assert.equal([...new Set(forms.map(normalizeGitUrl))], ['github.com/org/repo']);
  assert.is.not(normalizeGitUrl('https://github.com/org/repo-2'), 'github.com/org/repo');
});

test('an ApplicationSet template naming a key of a plain object\'s prototype ({{constructor}}) is left unexpanded, not filled with it', () => {
  const appset = (goTemplate: boolean, expr: string) => ({
    apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'a', namespace: 'argocd' },
    spec: { goTemplate, generators: [{ list: { elements: [{ namespace: 'ns1', nested: { x: 'y' } }] } }],
      template: { metadata: { name: `app-${expr}` }, spec: { destination: { namespace: '{{namespace}}' } } } },
  });
  const repository = { root: '/nowhere', urls: new Set<string>() };
  for (const [goTemplate, expr] of [[false, '{{constructor}}'], [true, '{{ .constructor }}'], [true, '{{ .nested.toString }}']] as const) {
    const out = applicationSetApps(appset(goTemplate, expr), repository);
    assert.equal(out.apps, [], expr);
    assert.match(out.unchecked.join('\n'), /\{\{\.\.\.\}\} left/, expr);
  }
});

test('Flux substitution: ${var}, ${var:=default}, ${var:-default}, $${var} kept literal, unset becomes empty', () => {
  const values = { ns: 'ns1', empty: '' };
  assert.is(substituteText('${ns}/${missing:=dflt}/${missing:-x}/$${ns}/${missing}/${empty:=e}', values), 'ns1/dflt/x/${ns}//e');
  // Names of a plain object's prototype are no variables; with values partly unknown, an unknown one stays as written.
  assert.is(substituteText('${constructor}/${toString:=t}/${__proto__}', values), '/t/');
  assert.is(substituteText('${ns}/${missing:=dflt}/${constructor}/${empty:=e}', values, true), 'ns1/${missing:=dflt}/${constructor}/e');
});

test.run();
