import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { requireTools } from '../helpers/ci';
import { ROOT, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const PROJECT = `  - apiVersion: iot.enmasse.io/v1alpha1
    kind: IoTProject
    metadata:
      name: iot1 # a comment kustomize would not keep, but the function must
      namespace: ns2
      annotations:
        internal.config.kubernetes.io/path: tenants/ns2/project.yaml
        internal.config.kubernetes.io/index: '0'
    spec: {downstreamStrategy: {managedStrategy: {}}}
`;
const list = (items: string, config = '') =>
  `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n${items}${config}`;
const fn = (input: string, args: string[] = []) => runInProcess(['fn', ...args], { input });

const test = suite('kubectl iot fn (a KRM function: ResourceList in, the same list with results out)');

test('a failing project: items come back as they were, each finding an error result, exit 1', async () => {
  const { code, stdout, stderr } = await fn(list(PROJECT));
  assert.is(code, 1, stderr);
  assert.ok(stdout.includes('name: iot1 # a comment kustomize would not keep, but the function must'), stdout);
  const out = parse(stdout);
  assert.equal(out.items, parse(list(PROJECT)).items);
  const tenant = out.results.find((r: { tags: { policy?: string } }) => r.tags.policy === 'project-requires-messaging-tenant');
  assert.equal(tenant, {
    message: 'There is no MessagingTenant named default in namespace ns2',
    severity: 'error',
    resourceRef: { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', name: 'iot1', namespace: 'ns2' },
    file: { path: 'tenants/ns2/project.yaml', index: 0 },
    tags: { policy: 'project-requires-messaging-tenant', remediation: 'kubectl iot create tenant -n ns2 --messaging-infrastructure enmasse-infra/default' },
  });
  const info = out.results.filter((r: { severity: string }) => r.severity === 'info');
  assert.equal(info.map((r: { tags: object }) => r.tags), [{ tenant: 'ns2.iot1', phase: 'Failed', recovery: 'automatic' }]);
  // kustomize shows a failing function's stderr: the reason is there, with the fix.
  assert.match(stderr, /project-requires-messaging-tenant +IoTProject ns2\/iot1: There is no MessagingTenant/);
  assert.match(stderr, /fix: kubectl iot create tenant -n ns2/);
});

test('a healthy list: only info results, nothing on stderr, exit 0', async () => {
  const healthy = spawnSync('kubectl', ['kustomize', join(ROOT, 'examples/gitops')], { encoding: 'utf8' }).stdout;
  const items = healthy.split(/^---$/m).map((doc) => parse(doc)).filter(Boolean);
  const { code, stdout, stderr } = await fn(JSON.stringify({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items }));
  assert.is(code, 0, stderr);
  assert.is(stderr, '');
  const out = parse(stdout);
  assert.equal(out.items, items);
  assert.equal(out.results.map((r: { severity: string; message: string }) => [r.severity, r.message.split(':')[0]]), [['info', 'Active']]);
});

test('kpt\'s annotations (config.kubernetes.io/path and index) name the file as well', async () => {
  const item = `  - apiVersion: iot.enmasse.io/v1alpha1
    kind: IoTProject
    metadata:
      name: p
      namespace: ns3
      annotations: {config.kubernetes.io/path: 'ns3/p.yaml', config.kubernetes.io/index: '2'}
    spec: {downstreamStrategy: {managedStrategy: {}}}
`;
  const { code, stdout } = await fn(list(item));
  assert.is(code, 1);
  const results = parse(stdout).results as { severity: string; file?: object }[];
  assert.ok(results.length > 1);
  for (const result of results) assert.equal(result.file, { path: 'ns3/p.yaml', index: 2 });
  assert.equal(parse(stdout).items, parse(list(item)).items);
});

test('functionConfig: failOn warning fails on a warning; a bad value is one line, exit 2', async () => {
  const tenant = `  - apiVersion: enmasse.io/v1
    kind: MessagingTenant
    metadata: {name: other, namespace: ns1}
`;
  const config = (failOn: string) => `functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: iot}\n  data: {failOn: ${failOn}}\n`;
  assert.is((await fn(list(tenant))).code, 0);
  const strict = await fn(list(tenant, config('warning')));
  assert.is(strict.code, 1, strict.stderr);
  assert.match(parse(strict.stdout).results[0].tags.policy, 'messaging-tenant-name');
  const bad = await fn(list(tenant, config('sometimes')));
  assert.equal([bad.code, bad.stdout], [2, '']);
  assert.is(bad.stderr, 'error: functionConfig: failOn must be error or warning, not "sometimes"\n');
});

test('input that is not a ResourceList: exit 2, one line saying what to run instead', async () => {
  const bad = await fn('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  assert.equal([bad.code, bad.stdout], [2, '']);
  assert.match(bad.stderr, /^error: stdin: not a ResourceList \(apiVersion config\.kubernetes\.io\/v1, kind ResourceList\); .*kubectl iot check\n$/);
  const item = await fn(list('  - {apiVersion: v1, kind: ConfigMap}\n'));
  assert.equal([item.code, item.stderr], [2, 'error: stdin: ResourceList item 0: not a Kubernetes object (no metadata)\n']);
});

test('kubectl\'s built-in kustomize has no --enable-exec, so the README sends exec functions to the standalone kustomize', () => {
  const run = spawnSync('kubectl', ['kustomize', '--enable-alpha-plugins', '--enable-exec', ROOT], { encoding: 'utf8' });
  assert.is.not(run.status, 0);
  assert.match(run.stderr, /unknown flag: --enable-exec/);
});

/** The standalone kustomize of scripts/tools.d/kustomize.sh: kubectl's own kustomize cannot run exec functions. */
const kustomize = spawnSync('sh', ['-c', 'command -v kustomize'], { encoding: 'utf8' }).stdout.trim();

/** A kustomization that runs the pack as an exec KRM function (README "Pipelines"), around `resources`. */
function pipeline(dir: string, resources: string[]): void {
  writeTree(dir, {
    'kustomization.yaml': `resources: ${JSON.stringify(resources)}\ntransformers: [iot-check.yaml]\n`,
    'iot-check.yaml': 'apiVersion: kubectl-iot.enmasse.io/v1\nkind: Check\nmetadata:\n  name: iot-check\n  annotations:\n' +
      '    config.kubernetes.io/function: |\n      exec:\n        path: ./kubectl-iot-fn\n',
    'kubectl-iot-fn': '#!/bin/sh\nexec kubectl-iot fn "$@"\n',
  });
  chmodSync(join(dir, 'kubectl-iot-fn'), 0o755);
}
const build = (dir: string) => spawnSync(kustomize, ['build', '--enable-alpha-plugins', '--enable-exec', dir], {
  encoding: 'utf8', env: { ...process.env, PATH: `${join(ROOT, 'bin')}${delimiter}${process.env.PATH ?? ''}` },
});

if (requireTools(test, 'kustomize build --enable-exec with kubectl iot fn', kustomize ? [] : ['kustomize'], 'scripts/install-tools.sh kustomize')) {
  test('kustomize build --enable-exec: a healthy tree renders exactly as without the function', async () => {
    const tmp = tempDir();
    try {
      const init = await runInProcess(['init', join(tmp.dir, 'repo'), '-n', 'ns1', '--project', 'iot1']);
      assert.is(init.code, 0, init.stderr);
      pipeline(join(tmp.dir, 'pipeline'), ['../repo']);
      const { status, stdout, stderr } = build(join(tmp.dir, 'pipeline'));
      assert.is(status, 0, stderr);
      assert.is(stdout, spawnSync('kubectl', ['kustomize', join(tmp.dir, 'repo')], { encoding: 'utf8' }).stdout);
    } finally {
      tmp.cleanup();
    }
  });

  test('kustomize build --enable-exec: a project without a tenant fails the build with the reason and fix on stderr', async () => {
    const tmp = tempDir();
    try {
      const repo = join(tmp.dir, 'repo');
      assert.is((await runInProcess(['init', repo, '-n', 'ns1', '--project', 'iot1'])).code, 0);
      assert.is((await runInProcess(['create', 'project', 'p', '-n', 'ns2', '--gitops-dir', repo])).code, 0);
      pipeline(join(tmp.dir, 'pipeline'), ['../repo']);
      const { status, stdout, stderr } = build(join(tmp.dir, 'pipeline'));
      assert.is(status, 1);
      assert.is(stdout, '');
      assert.match(stderr, /project-requires-messaging-tenant +IoTProject ns2\/p: There is no MessagingTenant named default in namespace ns2/);
      assert.match(stderr, /fix: kubectl iot create tenant -n ns2/);
      assert.match(stderr, /couldn't execute function: exit status 1/);
    } finally {
      tmp.cleanup();
    }
  });
}

test.run();
