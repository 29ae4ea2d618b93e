/**
 * End to end against a real API server (etcd + kube-apiserver, see apiserver.ts): the built plugin driven through
 * kubectl itself (`kubectl iot ...`) with generated kubeconfigs, exactly as a user runs it. The tests of access
 * (credentials, terminals, errors) are in cluster-access.ts, what they share in cluster-session.ts.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiClient } from '../../plugin/cluster/client';
import { INVENTORY } from '../../plugin/cluster/resources';
import { Secrets } from '../../plugin/cluster/secrets';
import { buildIoTConfig, buildMessagingInfrastructure } from '../../plugin/model/infrastructure';
import { runIfReady } from '../helpers/ci';
import { ROOT } from '../helpers/cli';
import { writeTree } from '../helpers/tree';
import { findTools } from './apiserver';
import { accessTests } from './cluster-access';
import { admin, applyYaml, getJson, iot, json, outputs, server, tmp, useCluster } from './cluster-session';

const e2e = suite('e2e: kubectl iot against a real kube-apiserver');
useCluster(e2e);

e2e('create project --apply server-side applies into the context namespace and explains the missing tenant', () => {
  const result = iot(['create', 'project', 'iot1', '--apply'], admin);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '');
  const lines = result.stderr.split('\n');
  assert.ok(lines.includes('iotproject.iot.enmasse.io/iot1 serverside-applied'), result.stderr);
  assert.match(result.stderr, /^IoTProject ns1\/iot1 \(tenant ns1\.iot1\) will be Failed once applied:\n {2}HasMessagingTenant=False \(MessagingTenantNotFound\)$/m);
  assert.match(result.stderr, /^Applying without MessagingTenant ns1\/default; create it later with kubectl iot create tenant -n ns1 --apply \(or pass --create-tenant\)\.$/m);
  const project = getJson(['get', 'iotproject', 'iot1', '-n', 'ns1', '--show-managed-fields']);
  assert.equal(project.metadata.managedFields.map((f: { manager: string; operation: string }) => [f.manager, f.operation]),
    [['kubectl-iot', 'Apply']]);
});

e2e('a second identical apply is a no-op: same resourceVersion, same single field manager', () => {
  const before = getJson(['get', 'iotproject', 'iot1', '-n', 'ns1']).metadata.resourceVersion;
  const result = iot(['create', 'project', 'iot1', '-n', 'ns1', '--apply'], admin);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /^iotproject\.iot\.enmasse\.io\/iot1 serverside-applied$/m);
  const after = getJson(['get', 'iotproject', 'iot1', '-n', 'ns1', '--show-managed-fields']);
  assert.is(after.metadata.resourceVersion, before);
  assert.is(after.metadata.managedFields.length, 1);
});

e2e('--dry-run=server validates on the server and persists nothing', () => {
  const result = iot(['create', 'project', 'iot9', '-n', 'ns1', '--apply', '--dry-run=server'], admin);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, /^iotproject\.iot\.enmasse\.io\/iot9 serverside-applied \(server dry run\)$/m);
  assert.is(server.kubectl(['get', 'iotprojects', '-n', 'ns1', '-o', 'name']), 'iotproject.iot.enmasse.io/iot1\n');
});

e2e('applying into a namespace that does not exist says how to create it', () => {
  const result = iot(['create', 'project', 'iot1', '-n', 'ns7', '--apply'], admin);
  assert.is(result.code, 2);
  assert.match(result.stderr, /\nerror: namespace "ns7" does not exist: kubectl create namespace ns7\n$/);
});

e2e('status before the tenant exists: Failed re-checked, nothing reported yet, the fix named', () => {
  const text = iot(['status'], admin);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /^IoT project ns1\/iot1$/m);
  assert.match(text.stdout, /^Phase: +\(no status reported yet\)$/m);
  assert.match(text.stdout, /^Re-checked now: Failed\nWhy: +.*kubectl iot create tenant -n ns1\b.*\nRecovery: +automatic$/m);
  assert.match(text.stdout, /^ {2}└── MessagingTenant ns1\/default missing$/m);
  // Live: the fix acts on the cluster, so it carries --apply and runs as printed (the next tests run it).
  assert.match(text.stdout, /^ {4}fix: kubectl iot create tenant -n ns1 .*--apply$/m);
  const doc = json(iot(['status', 'project', 'iot1', '-o', 'json'], admin));
  assert.equal(doc.projects.map((p) => [p.namespace, p.name, p.phase, p.recovery, p.live]),
    [['ns1', 'iot1', 'Failed', 'automatic', {}]]);
  assert.equal(doc.projects[0].conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`),
    ['HasMessagingTenant=False', 'HasMessagingInfrastructure=Unknown']);
});

e2e('status shows the live status a controller wrote, with conditions and their age', () => {
  const status = { phase: 'Failed', message: 'Missing messaging tenant', conditions: [{ type: 'HasMessagingTenant',
    status: 'False', reason: 'MessagingTenantNotFound', message: 'not found', lastTransitionTime: new Date().toISOString() }] };
  server.kubectl(['patch', 'iotproject', 'iot1', '-n', 'ns1', '--subresource=status', '--type=merge', '-p',
    JSON.stringify({ status })]);
  const text = iot(['status', 'project', 'iot1', '-n', 'ns1'], admin);
  assert.match(text.stdout, /^Phase: +Failed\nReason: +Missing messaging tenant$/m);
  assert.match(text.stdout, /^ {2}HasMessagingTenant +False +MessagingTenantNotFound +\d+s +not found$/m);
  const doc = json(iot(['status', '-n', 'ns1', '-o', 'json'], admin));
  assert.equal(doc.projects[0].live, status);
  // The same view without the word "project"; condition ages may tick between the two runs.
  const ageless = (out: string) => out.replace(/\b\d+[smhd]\b/g, 'AGE');
  assert.is(ageless(iot(['status', 'iot1', '-n', 'ns1'], admin).stdout), ageless(text.stdout));
  const missing = iot(['status', 'nope', '-n', 'ns1'], admin);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /IoTProject "nope" not found in namespace ns1/);
});

e2e('status after the tenant and the infrastructure exist: Active re-checked, the full chain', () => {
  // The fix status printed, run exactly as printed.
  const fix = /^ {4}fix: (kubectl iot create tenant .*)$/m.exec(iot(['status'], admin).stdout)?.[1];
  assert.match(fix ?? '', /^kubectl iot create tenant -n ns1 .*--apply$/);
  const tenant = iot(fix!.split(' ').slice(2), admin);
  assert.is(tenant.code, 0, tenant.stderr);
  assert.match(tenant.stderr, /^messagingtenant\.enmasse\.io\/default serverside-applied$/m);
  server.kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
    buildMessagingInfrastructure('enmasse-infra', 'default'),
    buildIoTConfig({ namespace: 'enmasse-infra', messagingInfrastructure: 'default',
      registry: { kind: 'external', url: 'jdbc:postgresql://db:5432/registry' } }),
  ] }));
  const doc = json(iot(['status', '-o', 'json'], admin));
  assert.equal(doc.projects.map((p) => [p.name, p.phase, p.live.phase]), [['iot1', 'Active', 'Failed']]);
  const text = iot(['status'], admin).stdout;
  assert.match(text, /Re-checked now: Active \(the cause is fixed; the controller updates the project by itself\)/);
  assert.match(text, /└── MessagingTenant ns1\/default\n +└── MessagingInfrastructure enmasse-infra\/default\n +└── IoTConfig enmasse-infra\/default/);
});

e2e('check --live without paths evaluates the cluster itself', () => {
  const result = iot(['check', '--live', '-o', 'json'], admin);
  assert.is(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.projects.map((p: Record<string, string>) => [p.namespace, p.name, p.phase]), [['ns1', 'iot1', 'Active']]);
  assert.equal(report.results.filter((r: { severity: string }) => r.severity === 'error'), []);
});

e2e('check --live with paths evaluates the files as if applied over the cluster', () => {
  writeTree(tmp.dir, {
    'change/project.yaml': 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: iot2\n  namespace: ns2\n',
  });
  const broken = iot(['check', '--live', 'change', '-o', 'json'], admin);
  assert.is(broken.code, 1, broken.stderr);
  const report = JSON.parse(broken.stdout);
  // The files' namespace, not the context's: a pre-merge check is about what the change touches.
  assert.equal(report.projects.map((p: Record<string, string>) => [p.namespace, p.name, p.phase]),
    [['ns2', 'iot2', 'Failed']]);
  assert.equal(report.projects[0].source, { file: 'project.yaml', line: 1 });
  writeTree(tmp.dir, { 'change/tenant.yaml': 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\n  namespace: ns2\n' });
  const fixed = iot(['check', '--live', 'change'], admin);
  assert.is(fixed.code, 0, fixed.stdout + fixed.stderr);
});

e2e('check --live puts files without a namespace into the context\'s namespace, as kubectl apply would', () => {
  writeTree(tmp.dir, { 'plain/project.yaml': 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: iot8\n' });
  const report = JSON.parse(iot(['check', '--live', 'plain', '-o', 'json'], admin).stdout);
  assert.equal(report.projects.map((p: Record<string, string>) => [p.namespace, p.name, p.phase]),
    [['ns1', 'iot1', 'Active'], ['ns1', 'iot8', 'Active']]);
});

e2e('check --live without paths reads the context namespace like status does; a failure elsewhere is not yours', () => {
  server.kubectl(['create', 'namespace', 'elsewhere']);
  applyYaml('apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: theirs\n  namespace: elsewhere\nspec: {}\n');
  const mine = iot(['check', '--live', '-o', 'json'], admin);
  assert.is(mine.code, 0, mine.stdout + mine.stderr);
  assert.equal(JSON.parse(mine.stdout).projects.map((p: Record<string, string>) => p.namespace), ['ns1']);
  const everyone = iot(['check', '--live', '-A', '-o', 'json'], admin);
  assert.is(everyone.code, 1, everyone.stderr);
  assert.ok(JSON.parse(everyone.stdout).projects.some((p: Record<string, string>) => p.name === 'theirs'));
  // No controller manager here finalizes a namespace: delete the project itself.
  server.kubectl(['delete', 'iotproject', 'theirs', '-n', 'elsewhere']);
});

e2e('recreate project keeps spec.configuration; rename and delete --apply change the cluster as printed', () => {
  applyYaml('apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: keep\n  namespace: ns1\n' +
    '  labels: {team: a}\nspec:\n  configuration:\n    adapters:\n      mqtt:\n        enabled: false\n');
  const before = getJson(['get', 'iotproject', 'keep', '-n', 'ns1']);
  const recreated = iot(['recreate', 'project', 'keep', '-n', 'ns1'], admin);
  assert.is(recreated.code, 0, recreated.stderr);
  assert.match(recreated.stderr, /^iotproject\.iot\.enmasse\.io\/keep deleted\niotproject\.iot\.enmasse\.io\/keep created\n$/);
  const after = getJson(['get', 'iotproject', 'keep', '-n', 'ns1']);
  assert.not.equal(after.metadata.uid, before.metadata.uid);
  assert.equal(after.spec, before.spec);
  assert.equal(after.metadata.labels, { team: 'a' });
  const renamed = iot(['rename', 'iotproject', 'keep', 'kept', '-n', 'ns1', '--apply'], admin);
  assert.is(renamed.code, 0, renamed.stderr);
  assert.equal(getJson(['get', 'iotproject', 'kept', '-n', 'ns1']).spec, before.spec);
  assert.is(server.kubectl(['get', 'iotprojects', '-n', 'ns1', '-o', 'name']).includes('/keep\n'), false);
  const deleted = iot(['delete', 'iotproject', 'kept', '-n', 'ns1', '--apply'], admin);
  assert.is(deleted.code, 0, deleted.stderr);
  assert.is(server.kubectl(['get', 'iotprojects', '-n', 'ns1', '-o', 'name']).includes('/kept\n'), false);
});

e2e('the fixes check --live prints run as printed with --apply and leave the namespace clean', () => {
  server.kubectl(['create', 'namespace', 'fixes']);
  // kubectl's client-side apply owns the removed strategy: server-side apply alone could not drop it.
  server.kubectl(['apply', '-f', '-'], 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: old\n' +
    '  namespace: fixes\nspec:\n  downstreamStrategy:\n    externalStrategy:\n      host: example.com\n' +
    '  configuration:\n    adapters:\n      http:\n        enabled: false\n');
  applyYaml('apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: ignored\n  namespace: fixes\nspec: {}\n');
  const before = json(iot(['check', '--live', '-n', 'fixes', '-o', 'json'], admin));
  const fixes = [...new Set(before.results.map((r: { remediation: string }) => r.remediation))] as string[];
  assert.ok(fixes.includes('kubectl iot create project old -n fixes --force'), fixes.join('\n'));
  assert.ok(fixes.includes('kubectl iot create tenant -n fixes'), fixes.join('\n'));
  for (const fix of fixes.filter((f) => f.startsWith('kubectl iot '))) {
    const ran = iot([...fix.split(' ').slice(2), '--apply'], admin);
    assert.is(ran.code, 0, `${fix} --apply: ${ran.stderr}`);
  }
  const after = json(iot(['check', '--live', '-n', 'fixes', '-o', 'json'], admin));
  assert.equal(after.results.filter((r: { severity: string }) => r.severity === 'error'), []);
  assert.equal(after.projects.map((p) => p.phase), ['Active']);
  const project = getJson(['get', 'iotproject', 'old', '-n', 'fixes']);
  assert.equal(project.spec, { configuration: { adapters: { http: { enabled: false } } } });
  server.kubectl(['delete', 'iotproject', 'old', '-n', 'fixes']); // later tests list every project
});

e2e('the client pages through long lists with continue tokens (page size 1, in process)', async () => {
  const secrets = new Secrets();
  const request = { headers: { Authorization: `Bearer ${server.tokens.admin}` },
    agent: new Agent({ ca: readFileSync(join(server.dir, 'certs', 'apiserver.crt')) }) };
  const api = new ApiClient({ server: server.url, request, timeoutMs: 8000, secrets }, { server: server.url, secrets }, 1);
  const namespaces = await api.list(INVENTORY.find((r) => r.kind === 'Namespace')!);
  assert.equal(namespaces?.map((n) => n.metadata.name).filter((n) => n?.startsWith('ns')), ['ns1', 'ns2']);
  assert.ok(namespaces!.length >= 6);
});

e2e('a viewer without rights gets one clear 403 line and exit 2; with the viewer ClusterRole status works', () => {
  const viewer = server.kubeconfig('viewer', { namespace: 'ns1' });
  const denied = iot(['status'], viewer);
  assert.is(denied.code, 2);
  assert.is(denied.stdout, '');
  assert.match(denied.stderr, /^error: forbidden: user "viewer" cannot list iotprojects\.iot\.enmasse\.io in namespace "ns1": bind the ClusterRole kubectl-iot-viewer to this user \(defined in .*kustomize\/rbac\)\n$/);
  server.kubectl(['apply', '-k', join(ROOT, 'kustomize', 'rbac')]);
  server.kubectl(['create', 'clusterrolebinding', 'viewer-reads', '--clusterrole=kubectl-iot-viewer', '--user=viewer']);
  const allowed = iot(['status', '-o', 'json'], viewer);
  assert.is(allowed.code, 0, allowed.stderr);
  assert.is(iot(['check', '--live'], viewer).code, 0);
  const apply = iot(['create', 'project', 'iot3', '--apply'], viewer);
  assert.is(apply.code, 2);
  assert.match(apply.stderr, /^error: forbidden: user "viewer" cannot patch iotprojects\.iot\.enmasse\.io in namespace "ns1": bind the ClusterRole kubectl-iot-editor/m);
  server.kubectl(['create', 'rolebinding', 'viewer-edits', '-n', 'ns1', '--clusterrole=kubectl-iot-editor', '--user=viewer']);
  const edited = iot(['create', 'project', 'iot3', '--apply'], viewer);
  assert.is(edited.code, 0, edited.stderr);
});

e2e('the editor ClusterRole covers everything create infrastructure --apply writes; conflicts need --force-conflicts', () => {
  const viewer = server.kubeconfig('viewer', { namespace: 'ns1', name: 'viewer-infra' });
  const args = ['create', 'infrastructure', '--postgresql', '--create-messaging-infrastructure', '--apply', '--dry-run=server'];
  const denied = iot(args, viewer);
  assert.is(denied.code, 2);
  assert.match(denied.stderr, /^error: forbidden: user "viewer" cannot patch \S+ in namespace "enmasse-infra": bind the ClusterRole kubectl-iot-editor/m);
  server.kubectl(['create', 'rolebinding', 'viewer-edits', '-n', 'enmasse-infra', '--clusterrole=kubectl-iot-editor', '--user=viewer']);
  // An earlier test applied the IoTConfig with kubectl and another JDBC URL: a real field-manager conflict.
  const conflict = iot(args, viewer);
  assert.is(conflict.code, 2);
  assert.match(conflict.stderr, /^error: iotconfig\.iot\.enmasse\.io\/default: Apply failed with 2 conflicts: conflicts with "kubectl": \.spec\.services\.deviceConnection\.jdbc\.server\.external\.url, \S+; re-run with --force-conflicts to take these fields over$/m);
  const allowed = iot([...args, '--force-conflicts'], viewer);
  assert.is(allowed.code, 0, allowed.stderr);
  assert.equal(allowed.stderr.split('\n').filter((l) => l.endsWith('serverside-applied (server dry run)')).map((l) => l.split('/')[0]),
    ['messaginginfrastructure.enmasse.io', 'iotconfig.iot.enmasse.io', 'secret', 'persistentvolumeclaim', 'deployment.apps',
      'service', 'configmap', 'job.batch']);
});

accessTests(e2e);

e2e('no output of this suite contains a token', () => {
  assert.ok(outputs.length > 20);
  for (const token of Object.values(server.tokens)) {
    assert.ok(!outputs.some((o) => o.includes(token)), 'a token leaked into the output');
  }
});

// Without the binaries the suite cannot run: outside CI one skipped test says so, under CI one test fails.
runIfReady(e2e, 'e2e: kubectl iot against a real kube-apiserver', 'kubectl iot against a real kube-apiserver', findTools().missing,
  'scripts/install-tools.sh, then eval "$(scripts/install-tools.sh --print-env)"');
