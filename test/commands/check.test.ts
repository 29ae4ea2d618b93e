import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { XMLParser } from 'fast-xml-parser';
import { parseAllDocuments } from 'yaml';
import { ROOT, runCli } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const check = suite('commands/check (in-process on the sources; progress on a terminal through the binary)');
let tmp: ReturnType<typeof tempDir>;
check.before.each(() => {
  tmp = tempDir();
});
check.after.each(() => tmp.cleanup());

const BROKEN = join(ROOT, 'examples', 'broken');
const project = (ns: string, name: string, kind = 'IoTProject', api = 'iot.enmasse.io/v1alpha1') =>
  `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
const tenant = (ns: string, extra = '') => `apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\n${
  ns ? `  namespace: ${ns}\n` : ''}${extra}`;
const infra = [
  'apiVersion: enmasse.io/v1\nkind: MessagingInfrastructure\nmetadata: {name: default, namespace: enmasse-infra}\n',
  'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTConfig\nmetadata: {name: default, namespace: enmasse-infra}\n'
    + 'spec:\n  services:\n    deviceRegistry:\n      infinispan:\n        server:\n          external: {host: ispn, port: 11222}\n',
].join('---\n');

const json = async (args: string[], options = {}) => {
  const result = await runInProcess(['check', '-o', 'json', ...args], options);
  return { ...result, report: result.stdout ? JSON.parse(result.stdout) : undefined };
};

check('the JSON report follows the contract: summary, every project, sorted results with file and line', async () => {
  const { code, report } = await json([BROKEN]);
  assert.is(code, 1);
  assert.equal(report.summary, { resources: 7, projects: 2, errors: 2, warnings: 3 });
  const sensors = report.projects.find((p: { name: string }) => p.name === 'sensors');
  assert.equal(Object.keys(sensors), ['namespace', 'name', 'tenantName', 'phase', 'phaseReason', 'recovery',
    'conditions', 'addresses', 'adapterAddresses', 'chain', 'source']);
  assert.equal(sensors.conditions.map((c: { type: string; status: string; reason: string }) => [c.type, c.status, c.reason]), [
    ['HasMessagingTenant', 'False', 'MessagingTenantNotFound'],
    ['HasMessagingInfrastructure', 'Unknown', 'MessagingTenantNotFound'],
  ]);
  assert.is(sensors.recovery, 'automatic');
  assert.equal(sensors.source, { file: 'ns-no-tenant/iot-project.yaml', line: 7 });
  assert.equal(sensors.adapterAddresses[0], 'ns-no-tenant/telemetry/ns-no-tenant.sensors');
  assert.ok(sensors.phaseReason.endsWith('Fix: kubectl iot create tenant -n ns-no-tenant'));
  const keys = report.results.map((r: { file: string; line: number; policy: string }) => `${r.file}:${String(r.line).padStart(4)}:${r.policy}`);
  assert.equal(keys, [...keys].sort());
  const fleet = report.results.find((r: { policy: string }) => r.policy === 'project-requires-iot-infrastructure');
  assert.equal(fleet.resource, { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', namespace: 'ns-no-iot', name: 'fleet' });
  // The tenant exists: the fix rebinds it where it is (--force), to the one infrastructure an IoTConfig serves.
  assert.is(fleet.remediation, 'kubectl iot create tenant -n ns-no-iot --messaging-infrastructure enmasse-infra/default --force');
});

check('a project sees the tenant and infrastructure in other files: one cross-file inventory', async () => {
  writeTree(tmp.dir, { 'a/project.yaml': project('ns1', 'iot1'), 'b/tenant.yaml': tenant('ns1'), 'c/infra.yaml': infra });
  const { code, report } = await json([tmp.dir]);
  assert.is(code, 0);
  assert.equal(report.projects.map((p: { phase: string }) => p.phase), ['Active']);
  assert.equal(report.projects[0].chain.iotInfrastructure.name, 'default');
});

check('a kustomize namespace transformer decides where the project lands', async () => {
  writeTree(tmp.dir, {
    'infra.yaml': infra,
    'base/kustomization.yaml': 'resources:\n- project.yaml\n',
    'base/project.yaml': project('', 'iot1'),
    'overlays/ns1/kustomization.yaml': 'namespace: ns1\nresources:\n- ../../base\n',
    'overlays/ns1/tenant.yaml': tenant(''),
    'tenant-ns1.yaml': tenant('ns1'),
  });
  const landed = (await json([join(tmp.dir, 'overlays/ns1'), join(tmp.dir, 'infra.yaml'), join(tmp.dir, 'tenant-ns1.yaml')],
    { cwd: tmp.dir }));
  assert.equal(landed.report.projects.map((p: { namespace: string; phase: string }) => [p.namespace, p.phase]), [['ns1', 'Active']]);
  assert.equal(landed.report.projects[0].source, { file: 'base/project.yaml', line: 1 });
  const base = await json([join(tmp.dir, 'base'), join(tmp.dir, 'infra.yaml'), join(tmp.dir, 'tenant-ns1.yaml')], { cwd: tmp.dir });
  assert.equal(base.report.projects.map((p: { namespace: string; phase: string }) => [p.namespace, p.phase]), [['default', 'Failed']]);
});

check('-n sets the namespace of objects that name none', async () => {
  writeTree(tmp.dir, { 'p.yaml': project('', 'iot1') });
  assert.is((await json(['-n', 'team-a', join(tmp.dir, 'p.yaml')])).report.projects[0].namespace, 'team-a');
});

check('later kind names (IoTTenant, MessagingProject, IoTInfrastructure) are the same kinds', async () => {
  writeTree(tmp.dir, {
    'all.yaml': [project('ns1', 'iot1', 'IoTTenant', 'iot.enmasse.io/v1'),
      'apiVersion: enmasse.io/v1\nkind: MessagingProject\nmetadata: {name: default, namespace: ns1}\n',
      infra.replace('apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTConfig', 'apiVersion: iot.enmasse.io/v1\nkind: IoTInfrastructure')]
      .join('---\n'),
  });
  const { code, report } = await json([tmp.dir]);
  assert.is(code, 0);
  assert.equal(report.projects.map((p: { phase: string }) => p.phase), ['Active']);
});

check('multi-document files report the line of each document', async () => {
  writeTree(tmp.dir, { 'many.yaml': `# header\n${project('a', 'p1')}---\n${project('b', 'p2')}---\n\n${project('c', 'p3')}` });
  const { report } = await json([tmp.dir]);
  assert.equal(report.projects.map((p: { source: { line: number } }) => p.source.line), [2, 8, 15]);
});

check('stdin is read with -', async () => {
  const { code, report } = await json(['-'], { input: project('ns9', 'p') });
  assert.is(code, 1);
  assert.equal(report.results.map((r: { file: string }) => r.file), ['stdin', 'stdin']);
  // No IoTConfig anywhere: the project also needs the infrastructure, whose fix is carried by a finding of its own.
  assert.equal(report.results.map((r: { policy: string }) => r.policy),
    ['project-requires-iot-infrastructure', 'project-requires-messaging-tenant']);
});

check('documents outside the model are ignored, not errors', async () => {
  writeTree(tmp.dir, { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\nfoo: bar\n' });
  const { code, report } = await json([tmp.dir]);
  assert.is(code, 0);
  assert.equal(report.summary, { resources: 1, projects: 0, errors: 0, warnings: 0 });
});

check('exit codes: 0 clean, 1 errors, 1 for warnings only with --fail-on=warning', async () => {
  writeTree(tmp.dir, { 'w.yaml': 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata: {name: other, namespace: ns1}\n' });
  assert.is((await runInProcess(['check', tmp.dir])).code, 0);
  assert.is((await runInProcess(['check', '--fail-on=warning', tmp.dir])).code, 1);
  assert.is((await runInProcess(['check', BROKEN])).code, 1);
});

for (const [name, content, message] of [
  ['malformed', 'apiVersion: v1\nkind: [\n', /^error: .*bad.yaml:3: malformed YAML/],
  ['alias bomb', `a: &a [x,x,x,x,x,x,x,x,x,x]\n${['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcde'[i]}`).join(',')}]`).join('\n')}\n`, /^error: .*bad.yaml:1: .*resource exhaustion/],
  ['deep nesting', `${'['.repeat(500)}${']'.repeat(500)}\n`, /^error: .*bad.yaml:\d+: nesting deeper than/],
] as const) {
  check(`${name} input is exit 2 with file, line and reason, nothing on stdout`, async () => {
    writeTree(tmp.dir, { 'bad.yaml': content });
    const { code, stdout, stderr } = await runInProcess(['check', join(tmp.dir, 'bad.yaml')]);
    assert.is(code, 2);
    assert.is(stdout, '');
    assert.match(stderr, message);
    assert.is(stderr.trim().split('\n').length, 1, stderr);
  });
}

check('a missing path is exit 2 naming it', async () => {
  const { code, stderr } = await runInProcess(['check', join(tmp.dir, 'nope')]);
  assert.is(code, 2);
  assert.match(stderr, /nope: no such file or directory/);
});

check('every output format renders the same findings', async () => {
  const policyreport = await runInProcess(['check', '-o', 'policyreport', BROKEN]);
  assert.is(policyreport.code, 1);
  const reports = parseAllDocuments(policyreport.stdout).map((d) => d.toJS());
  assert.ok(reports.some((r) => r.kind === 'PolicyReport' && r.metadata.namespace === 'ns-no-tenant'));
  const sarif = JSON.parse((await runInProcess(['check', '-o', 'sarif', BROKEN])).stdout);
  assert.is(sarif.runs[0].results.length, 5);
  assert.is(sarif.runs[0].tool.driver.rules.length, 11);
  const junit = new XMLParser({ ignoreAttributes: false }).parse((await runInProcess(['check', '-o', 'junit', BROKEN])).stdout);
  assert.ok(junit.testsuites);
  const github = (await runInProcess(['check', '-o', 'github', BROKEN])).stdout.trim().split('\n');
  assert.equal(github.map((l) => l.split(' ')[0]), ['::warning', '::warning', '::error', '::warning', '::error']);
  assert.match(github[2], /file=examples\/broken\/ns-no-iot\/iot-project.yaml,line=1/);
  const yaml = parseAllDocuments((await runInProcess(['check', '-o', 'yaml', BROKEN])).stdout)[0].toJS();
  assert.equal(yaml, (await json([BROKEN])).report);
  const text = await runInProcess(['check', BROKEN]);
  assert.match(text.stdout, /2 projects \(0 Active, 2 Failed\), 2 errors, 3 warnings in 7 resources\n$/);
  assert.not.match(text.stdout, /\x1b\[/);
  assert.match((await runInProcess(['check', BROKEN], { env: { FORCE_COLOR: '1' } })).stdout, /\x1b\[/);
  assert.not.match((await runInProcess(['check', BROKEN], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout, /\x1b\[/);
});

check('policies list shows every policy with its severity and condition', async () => {
  const { code, stdout } = await runInProcess(['policies', 'list', '-o', 'json']);
  assert.is(code, 0);
  const policies = JSON.parse(stdout);
  assert.is(policies.length, 11);
  assert.equal(policies.find((p: { id: string }) => p.id === 'project-requires-messaging-tenant').condition, 'HasMessagingTenant');
  assert.match((await runInProcess(['policies', 'list'])).stdout, /^ID +SEVERITY +CONDITION +TITLE\n/);
});

check('progress shows on a terminal and never in a pipe', async () => {
  const env = { KUBECTL_IOT_PROGRESS_DELAY_MS: '0', NO_COLOR: '1' };
  const piped = await runInProcess(['check', BROKEN], { env });
  assert.not.match(piped.stderr, /checking/);
  // `script` gives the command a pseudo-terminal, as a person's shell would.
  const tty = spawnSync('script', ['-qec', `node ${join(ROOT, 'bin', 'kubectl-iot')} check ${BROKEN}`, '/dev/null'],
    { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.match(tty.stdout, new RegExp(`checking ${BROKEN}\\.\\.\\.\\x1b\\[1G\\x1b\\[0K`));
  assert.match(tty.stdout, /2 projects \(0 Active, 2 Failed\)/);
});

check.run();

