import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

interface PluginCommand {
  command: string[];
  args?: string[];
}

const plugin = parse(readFileSync(join(ROOT, 'kustomize/components/argocd/cmp/plugin.yaml'), 'utf8'));
const PATH = `${join(ROOT, 'bin')}${delimiter}${process.env.PATH ?? ''}`;

/**
 * Runs a plugin command as argocd-cmp-server does: command plus args, no shell of its own, in the Application's
 * folder of the repository copy, with the sidecar's environment and Argo CD's build variables.
 */
function runPlugin(step: PluginCommand, repo: string, appPath: string, env: Record<string, string> = {}) {
  const [file, ...argv] = [...step.command, ...(step.args ?? [])];
  const result = spawnSync(file, argv, {
    cwd: join(repo, appPath),
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      PATH,
      ARGOCD_APP_NAME: `iot-${appPath}`,
      ARGOCD_APP_NAMESPACE: 'argocd',
      ARGOCD_APP_PROJECT_NAME: 'default',
      ARGOCD_APP_REVISION: 'f913b6cbf58aa5ae5ca1f8a2b149477aebcbd9d8',
      ARGOCD_APP_REVISION_SHORT: 'f913b6c',
      ARGOCD_APP_SOURCE_PATH: appPath,
      ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.com/platform/iot.git',
      ARGOCD_APP_SOURCE_TARGET_REVISION: 'HEAD',
      KUBE_VERSION: '1.32.4',
      KUBE_API_VERSIONS: 'v1,apps/v1',
      ...env,
    },
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const generate = (repo: string, appPath: string, env?: Record<string, string>) =>
  runPlugin(plugin.spec.generate, repo, appPath, env);
const kustomize = (dir: string) => spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }).stdout;

const test = suite('kustomize/components/argocd/cmp plugin.yaml (its commands run as Argo CD runs them)');
let tmp: ReturnType<typeof tempDir>;
let repo: string;
test.before.each(() => {
  tmp = tempDir();
  repo = join(tmp.dir, 'repo');
  const init = runCli(['init', repo, '-n', 'ns1', '--project', 'iot1']);
  assert.is(init.code, 0, init.stderr);
});
test.after.each(() => tmp.cleanup());

test('plugin.yaml is a ConfigManagementPlugin named kubectl-iot, opted into by name (no discover rule)', () => {
  assert.is(plugin.apiVersion, 'argoproj.io/v1alpha1');
  assert.is(plugin.kind, 'ConfigManagementPlugin');
  assert.is(plugin.metadata.name, 'kubectl-iot');
  assert.equal(Object.keys(plugin.spec).sort(), ['generate', 'init', 'parameters']);
  assert.equal(plugin.spec.parameters.static.map((p: { name: string }) => p.name), ['check-path']);
});

test('init succeeds when the sidecar has kubectl and kubectl-iot, and names the tool it lacks', () => {
  const ok = runPlugin(plugin.spec.init, repo, 'tenants');
  assert.equal([ok.code, ok.stdout, ok.stderr], [0, '', '']);
  const bare = join(tmp.dir, 'bare-bin');
  mkdirSync(bare);
  for (const tool of ['sh', 'kubectl']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(bare, tool));
  }
  const lacking = runPlugin(plugin.spec.init, repo, 'tenants', { PATH: bare });
  assert.is(lacking.code, 1);
  assert.is(lacking.stderr, 'kubectl-iot plugin: the sidecar image has no kubectl-iot\n');
});

test('a healthy tree: generate prints exactly the kustomize build of the Application folder, exit 0', () => {
  for (const app of ['tenants', 'infrastructure', '.']) {
    const { code, stdout, stderr } = generate(repo, app);
    assert.is(code, 0, stderr);
    assert.is(stdout, kustomize(join(repo, app)), app);
  }
  assert.match(generate(repo, 'tenants').stderr, /ns1\/iot1 +ns1\.iot1 +Active/);
  // Argo CD passes spec.source.path as written: the repository root is found either way.
  assert.is(generate(repo, 'tenants', { ARGOCD_APP_SOURCE_PATH: './tenants/' }).code, 0);
});

test('a project of the Application whose namespace has no tenant: generate fails, stdout empty, the explanation and fix on stderr', () => {
  const created = runCli(['create', 'project', 'p', '-n', 'ns2', '--gitops-dir', repo]);
  assert.is(created.code, 0, created.stderr);
  const { code, stdout, stderr } = generate(repo, 'tenants');
  assert.is(code, 1);
  assert.is(stdout, '');
  assert.match(stderr, /project-requires-messaging-tenant +IoTProject ns2\/p: There is no MessagingTenant named default/);
  assert.match(stderr, /named default in namespace ns2\n/);
  // Named from the repository's root (--repo-root), not from the repo server's copy of it: runnable as printed there.
  assert.match(stderr, /fix: kubectl iot create tenant -n ns2 --gitops-dir \.\n/);
  assert.match(stderr, /recovery: automatic/);
  // Run as printed from the repository's root, the fix lets the Application generate.
  const fix = /fix: kubectl iot (create tenant .*)\n/.exec(stderr)![1];
  const fixed = runCli(fix.split(' '), { cwd: repo });
  assert.is(fixed.code, 0, fixed.stderr);
  assert.is(generate(repo, 'tenants').code, 0);
});

test('scoped gate: an Application that renders none of the failing objects generates, the findings are warnings on stderr', () => {
  const created = runCli(['create', 'project', 'p', '-n', 'ns2', '--gitops-dir', repo]);
  assert.is(created.code, 0, created.stderr);
  for (const app of ['infrastructure']) {
    const { code, stdout, stderr } = generate(repo, app);
    assert.is(code, 0, stderr);
    assert.is(stdout, kustomize(join(repo, app)), app);
    assert.match(stderr, /^warning: tenants\/ns2\/iot-project-p\.yaml:1: project-requires-messaging-tenant: IoTProject ns2\/p: There is no MessagingTenant named default in namespace ns2 \(not rendered by this Application; fix: kubectl iot create tenant -n ns2 --gitops-dir \.\)$/m);
    assert.match(stderr, /^No findings\.$/m);
  }
  // The repository root renders the tenants too: that Application is held back.
  const root = generate(repo, '.');
  assert.equal([root.code, root.stdout], [1, '']);
});

test('scoped gate: objects without a namespace are checked in the destination namespace (ARGOCD_APP_NAMESPACE)', () => {
  writeTree(repo, {
    'apps/extra/kustomization.yaml': 'resources: [project.yaml]\n',
    'apps/extra/project.yaml': 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: extra\n' +
      'spec:\n  downstreamStrategy:\n    managedStrategy: {}\n',
  });
  const ns1 = generate(repo, 'apps/extra', { ARGOCD_APP_NAMESPACE: 'ns1' });
  assert.is(ns1.code, 0, ns1.stderr);
  assert.match(ns1.stderr, /ns1\/extra +ns1\.extra +Active/);
  assert.is(ns1.stdout, kustomize(join(repo, 'apps/extra')));
  const ns3 = generate(repo, 'apps/extra', { ARGOCD_APP_NAMESPACE: 'ns3' });
  assert.equal([ns3.code, ns3.stdout], [1, '']);
  assert.match(ns3.stderr, /project-requires-messaging-tenant +IoTProject ns3\/extra: There is no MessagingTenant named default in namespace ns3/);
  // The root kustomization does not list apps/: for the other Applications it is not part of the checked tree.
  assert.is(generate(repo, 'tenants', { ARGOCD_APP_NAMESPACE: 'ns3' }).code, 0);
});

test('check-path narrows the check to a folder of the repository and may not leave it', () => {
  runCli(['create', 'project', 'p', '-n', 'ns2', '--gitops-dir', repo]);
  assert.is(generate(repo, 'infrastructure', { PARAM_CHECK_PATH: 'infrastructure' }).code, 0);
  for (const outside of ['..', '../repo', 'tenants/../..', '/etc']) {
    const escaped = generate(repo, 'tenants', { PARAM_CHECK_PATH: outside });
    assert.is(escaped.code, 2, outside);
    assert.match(escaped.stderr, /^kubectl-iot plugin: check-path must /, outside);
    assert.is(escaped.stdout, '');
  }
});

test('a kustomize error in the Application folder fails generate with kustomize\'s message, stdout empty', () => {
  writeTree(repo, { 'tenants/kustomization.yaml': 'resources: [missing.yaml]\n' });
  const { code, stdout, stderr } = generate(repo, 'tenants');
  assert.is.not(code, 0);
  assert.is(stdout, '');
  assert.match(stderr, /missing\.yaml/);
});

test.run();
