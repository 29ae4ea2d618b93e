import { chmodSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { HEALTH_CHECK_EXPRS } from '../../plugin/gitops/flux-health';
import { runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const gitops = suite('commands/create --gitops-dir and init (in-process on the sources, real kustomize; an unwritable tree through the binary as nobody)');
let tmp: ReturnType<typeof tempDir>;
gitops.before.each(() => {
  tmp = tempDir();
});
gitops.after.each(() => tmp.cleanup());

const snapshot = (root: string): Record<string, string> => {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else files[join(dir, e.name).slice(root.length + 1)] = readFileSync(join(dir, e.name), 'utf8');
    }
  };
  walk(root);
  return files;
};

const kustomize = (dir: string) => spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });

gitops('init writes a tree kustomize builds, with CRDs, infrastructure, PostgreSQL, a tenant and a project', async () => {
  const dir = join(tmp.dir, 'repo');
  const { code, stdout, stderr } = await runInProcess(['init', dir, '-n', 'ns1', '--project', 'iot1']);
  assert.is(code, 0, stderr);
  assert.is(stdout, '');
  const built = kustomize(dir);
  assert.is(built.status, 0, built.stderr);
  const kinds = built.stdout.split('\n---\n').map((doc) => parse(doc)).map((o) => `${o.kind}/${o.metadata.name}`);
  for (const expected of ['CustomResourceDefinition/iotprojects.iot.enmasse.io', 'Namespace/enmasse-infra',
    'MessagingInfrastructure/default', 'IoTConfig/default', 'Deployment/postgresql', 'Job/postgresql-schema',
    'Namespace/ns1', 'MessagingTenant/default', 'IoTProject/iot1']) {
    assert.ok(kinds.includes(expected), `${expected} in ${kinds.join(', ')}`);
  }
  assert.ok(existsSync(join(dir, 'deploy/argocd/applications.yaml')));
});

gitops('create --gitops-dir, delete and rename render the tree with the kubectl of the context\'s KUBECTL', async () => {
  const dir = join(tmp.dir, 'repo');
  assert.is((await runInProcess(['init', dir, '-n', 'ns1'])).code, 0);
  const log = join(tmp.dir, 'kubectl.log');
  writeTree(tmp.dir, { 'kubectl-logged': `#!/bin/sh\necho "$@" >> '${log}'\nexec kubectl "$@"\n` });
  chmodSync(join(tmp.dir, 'kubectl-logged'), 0o755);
  // Only the context's environment names the wrapper: the test process's own has no KUBECTL pointing at it.
  const env = { KUBECTL: join(tmp.dir, 'kubectl-logged') };
  const runs = [['create', 'project', 'iot2', '-n', 'ns1'], ['rename', 'iotproject', 'iot2', 'iot3', '-n', 'ns1'],
    ['delete', 'iotproject', 'iot3', '-n', 'ns1']];
  for (const [i, args] of runs.entries()) {
    const result = await runInProcess([...args, '--gitops-dir', dir], { env });
    assert.is(result.code, 0, result.stderr);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    assert.ok(calls.length > i && calls.every((c) => c.startsWith('kustomize ')), `${args.join(' ')}: ${calls.join('; ')}`);
  }
});

gitops('init with --engine flux wires Flux Kustomizations in order', async () => {
  const dir = join(tmp.dir, 'repo');
  assert.is((await runInProcess(['init', dir, '--engine', 'flux'])).code, 0);
  const docs = parseAllDocuments(readFileSync(join(dir, 'deploy/flux/iot.yaml'), 'utf8')).map((d) => d.toJS());
  assert.equal(docs.map((d) => [d.kind, d.spec.dependsOn?.[0]?.name]), [
    ['GitRepository', undefined], ['Kustomization', undefined],
    ['Kustomization', 'iot-crds'], ['Kustomization', 'iot-infrastructure'],
  ]);
  // The infrastructure and tenants layers health-check their IoT resources (Flux >= 2.5 healthCheckExprs), with wait on.
  assert.equal(docs.map((d) => d.spec.healthCheckExprs?.length), [undefined, undefined, 7, 7]);
  for (const layer of [docs[2], docs[3]]) {
    assert.equal(layer.spec.healthCheckExprs, HEALTH_CHECK_EXPRS);
    assert.is(layer.spec.wait, true);
  }
});

gitops('init refuses to overwrite an existing tree without --force', async () => {
  const dir = join(tmp.dir, 'repo');
  (await runInProcess(['init', dir]));
  const before = snapshot(dir);
  const again = await runInProcess(['init', dir]);
  assert.is(again.code, 2);
  assert.match(again.stderr, /already exist.*--force/);
  assert.equal(snapshot(dir), before);
});

gitops('the initialised tree checks clean: its project is Active', async () => {
  const dir = join(tmp.dir, 'repo');
  (await runInProcess(['init', dir, '-n', 'ns1']));
  const { code, stdout } = await runInProcess(['check', dir, '-o', 'json']);
  assert.is(code, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.projects.map((p: { name: string; phase: string }) => [p.name, p.phase]), [['iot1', 'Active']]);
});

gitops('create project --gitops-dir adds a file, registers it, keeps comments, and predicts the status', async () => {
  const dir = join(tmp.dir, 'repo');
  (await runInProcess(['init', dir, '-n', 'ns1']));
  writeTree(dir, { 'tenants/ns1/kustomization.yaml': '# hand-written: keep me\n' +
    readFileSync(join(dir, 'tenants/ns1/kustomization.yaml'), 'utf8').replace('resources:', 'resources: # the list') });
  const { code, stdout, stderr } = await runInProcess(['create', 'project', 'iot2', '-n', 'ns1', '--gitops-dir', dir]);
  assert.is(code, 0, stderr);
  assert.is(stdout, '');
  assert.match(stderr, /created tenants\/ns1\/iot-project-iot2.yaml\nupdated tenants\/ns1\/kustomization.yaml\n/);
  assert.match(stderr, /IoTProject ns1\/iot2 \(tenant ns1.iot2\) will be Active/);
  const kustomization = readFileSync(join(dir, 'tenants/ns1/kustomization.yaml'), 'utf8');
  assert.ok(kustomization.startsWith('# hand-written: keep me\n'));
  assert.match(kustomization, /resources: # the list\n(.*\n)*  - iot-project-iot2.yaml\n$/);
  assert.is(kustomize(dir).status, 0);
});

gitops('a second identical create exits 2 and changes nothing', async () => {
  const dir = join(tmp.dir, 'repo');
  (await runInProcess(['init', dir, '-n', 'ns1']));
  (await runInProcess(['create', 'project', 'iot2', '-n', 'ns1', '--gitops-dir', dir]));
  const before = snapshot(dir);
  const again = await runInProcess(['create', 'project', 'iot2', '-n', 'ns1', '--gitops-dir', dir]);
  assert.is(again.code, 2);
  assert.match(again.stderr, /IoTProject ns1\/iot2 already exists in .* \(tenants\/ns1\/iot-project-iot2.yaml:1\); use --force/);
  assert.equal(snapshot(dir), before);
});

gitops('a project in a namespace without tenant is written and explained as Failed, recovering by itself', async () => {
  const dir = join(tmp.dir, 'repo');
  (await runInProcess(['init', dir, '-n', 'ns1']));
  const { code, stderr } = await runInProcess(['create', 'project', 'p', '-n', 'ns2', '--gitops-dir', dir]);
  assert.is(code, 0, stderr);
  assert.match(stderr, /created tenants\/ns2\/iot-project-p.yaml\ncreated tenants\/ns2\/kustomization.yaml\nupdated tenants\/kustomization.yaml\n/);
  assert.match(stderr, /will be Failed .*\n {2}HasMessagingTenant=False \(MessagingTenantNotFound\)\n/);
  assert.match(stderr, /Fix: kubectl iot create tenant -n ns2/);
  assert.match(stderr, /becomes ready by itself once the tenant exists/);
  const built = kustomize(dir);
  assert.match(built.stdout, /name: p\n {2}namespace: ns2/);
});

gitops('--create-tenant adds the tenant only when the namespace lacks one', async () => {
  const dir = join(tmp.dir, 'repo');
  (await runInProcess(['init', dir, '-n', 'ns1']));
  const fresh = await runInProcess(['create', 'project', 'p', '-n', 'ns2', '--create-tenant', '--gitops-dir', dir]);
  assert.match(fresh.stderr, /created tenants\/ns2\/messaging-tenant.yaml\n/);
  assert.match(fresh.stderr, /will be Active/);
  const existing = await runInProcess(['create', 'project', 'q', '-n', 'ns1', '--create-tenant', '--gitops-dir', dir]);
  assert.match(existing.stderr, /MessagingTenant ns1\/default is already in tenants\/ns1\/messaging-tenant.yaml/);
});

gitops('create tenant and create infrastructure go into the folders of their namespaces', async () => {
  const dir = join(tmp.dir, 'repo');
  writeTree(dir, { 'kustomization.yaml': 'resources: []\n' });
  const tenant = await runInProcess(['create', 'tenant', '-n', 'ns5', '--gitops-dir', dir]);
  assert.match(tenant.stderr, /created tenants\/ns5\/messaging-tenant.yaml/);
  const infra = await runInProcess(['create', 'infrastructure', '--create-messaging-infrastructure', '--gitops-dir', dir]);
  assert.is(infra.code, 0, infra.stderr);
  assert.match(infra.stderr, /created infrastructure\/iot-config.yaml/);
  assert.match(infra.stderr, /kubectl -n enmasse-infra create secret generic postgresql-credentials/);
  assert.not.match(readFileSync(join(dir, 'infrastructure/iot-config.yaml'), 'utf8'), /password/);
  assert.is(kustomize(dir).status, 0, kustomize(dir).stderr);
});

gitops('a malformed kustomization.yaml is one line naming it, exit 2, nothing written', async () => {
  const dir = join(tmp.dir, 'repo');
  writeTree(dir, { 'tenants/ns1/kustomization.yaml': 'namespace: ns1\nresources: [\n' });
  const { code, stdout, stderr } = await runInProcess(['create', 'tenant', '-n', 'ns1', '--gitops-dir', dir]);
  assert.is(code, 2);
  assert.is(stdout, '');
  assert.match(stderr, /^error: tenants\/ns1\/kustomization.yaml:3: malformed YAML/);
  assert.is(stderr.trim().split('\n').length, 1);
  assert.equal(Object.keys(snapshot(dir)), ['tenants/ns1/kustomization.yaml']);
});

/** nobody:nogroup, for the permission tests: root ignores permission bits, so as root they run as nobody. */
const NOBODY = { uid: 65534, gid: 65534 };

gitops('an unwritable tree is an error, not a stack trace (as a user without write permission: nobody when root)', () => {
  const asRoot = process.getuid?.() === 0;
  // Readable and searchable for everyone, writable by no one but its owner (root when asRoot).
  chmodSync(tmp.dir, asRoot ? 0o755 : 0o500);
  const { code, stdout, stderr } = runCli(['create', 'tenant', '-n', 'ns1', '--gitops-dir', tmp.dir],
    asRoot ? { user: NOBODY, cwd: tmp.dir } : {});
  chmodSync(tmp.dir, 0o700);
  assert.is(code, 2, stderr);
  assert.is(stdout, '');
  assert.match(stderr, /^error: .*permission denied/);
  assert.is(stderr.trim().split('\n').length, 1, stderr);
  assert.not.match(stderr, /\n\s+at /);
  assert.equal(readdirSync(tmp.dir), [], 'nothing was written');
});

gitops('a --gitops-dir that is a regular file is an error, not a stack trace', async () => {
  writeTree(tmp.dir, { file: 'x' });
  const { code, stderr } = await runInProcess(['create', 'tenant', '-n', 'ns1', '--gitops-dir', join(tmp.dir, 'file')]);
  assert.is(code, 2);
  assert.match(stderr, /^error: .*not a directory/);
});

gitops('a missing --gitops-dir is an error naming it', async () => {
  const { code, stderr } = await runInProcess(['create', 'tenant', '-n', 'ns1', '--gitops-dir', join(tmp.dir, 'nope')]);
  assert.is(code, 2);
  assert.match(stderr, /^error: .*nope: no such file or directory\n$/);
});

gitops.run();
