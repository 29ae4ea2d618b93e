/**
 * Every fix fixes (SPEC: "Remediations are a contract"): for a tree showing each policy and each failure reason,
 * run every remediation that starts with `kubectl iot` exactly as printed, with --gitops-dir pointing at the tree,
 * in-process on the sources (cli.ts's run()); afterwards `check` reports no error and every project is Active.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkJsonInProcess } from '../helpers/check';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const roundTrip = suite('every printed fix runs as printed and leaves a clean tree (in-process on the sources)');
let tmp: ReturnType<typeof tempDir>;
roundTrip.before(() => {
  tmp = tempDir('kubectl-iot-fixes-');
});
roundTrip.after(() => tmp.cleanup());

const INFRA = 'enmasse-infra';
const yaml = (lines: string[]) => `${lines.join('\n')}\n`;

function project(name: string, namespace?: string, spec: string[] = ['spec: {}'], kind = 'IoTProject', apiVersion = 'iot.enmasse.io/v1alpha1'): string {
  return yaml([`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []), ...spec]);
}
function tenant(namespace: string | undefined, ref?: [string, string], name = 'default', kind = 'MessagingTenant'): string {
  return yaml(['apiVersion: enmasse.io/v1', `kind: ${kind}`, 'metadata:', `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    ...(ref ? ['spec:', '  messagingInfrastructureRef:', `    namespace: ${ref[0]}`, `    name: ${ref[1]}`] : ['spec: {}'])]);
}
function messagingInfrastructure(name: string, namespace = INFRA, selector: string[] = []): string {
  return yaml(['apiVersion: enmasse.io/v1', 'kind: MessagingInfrastructure', 'metadata:', `  name: ${name}`,
    `  namespace: ${namespace}`, ...(selector.length ? ['spec:', '  namespaceSelector:', ...selector.map((l) => `    ${l}`)] : ['spec: {}'])]);
}
const REGISTRY = ['  services:', '    deviceRegistry:', '      jdbc:', '        server:', '          external:',
  '            management:', '              connection:', '                url: jdbc:postgresql://db:5432/hono'];
function iotConfig(name = 'default', namespace = INFRA, binding?: string, registry = true, kind = 'IoTConfig',
  apiVersion = 'iot.enmasse.io/v1alpha1'): string {
  return yaml([`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`,
    '  # the IoT infrastructure', 'spec:', ...(binding ? [`  messagingInfrastructureRef: ${binding}`] : []),
    ...(registry ? REGISTRY : ['  services: {}'])]);
}
function namespace(name: string, labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels);
  return yaml(['apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${name}`,
    ...(entries.length ? ['  labels:', ...entries.map(([k, v]) => `    ${k}: ${v}`)] : [])]);
}
const healthyInfra = { 'infra/mi.yaml': messagingInfrastructure('default'), 'infra/iot.yaml': iotConfig() };

/** Each case: the tree, the policies and reasons it must show, and whether the fixes must make it clean. */
const CASES: { name: string; files: Record<string, string>; shows: string[] }[] = [
  { name: 'a namespace without its tenant', shows: ['project-requires-messaging-tenant'],
    files: { ...healthyInfra, 'ns1/p.yaml': project('iot1', 'ns1') } },
  { name: 'a tenant with another name (ignored) and none named default', shows: ['messaging-tenant-name', 'MessagingTenantNotFound'],
    files: { ...healthyInfra, 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1', undefined, 'mine') } },
  { name: 'a tenant referring to a messaging infrastructure in another namespace that does not exist',
    shows: ['MessagingInfrastructureNotFound'],
    files: { ...healthyInfra, 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': `# my tenant\n${tenant('ns1', ['other', 'gone'])}` } },
  { name: 'matchNames beats the selector-less infrastructure, which has the IoT infrastructure', shows: ['NoIoTInfrastructure'],
    files: { ...healthyInfra, 'infra/named.yaml': messagingInfrastructure('named', INFRA, ['matchNames: [ns1]']),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'a label selector picks an infrastructure without IoT infrastructure', shows: ['NoIoTInfrastructure'],
    files: { 'infra/mi.yaml': messagingInfrastructure('default', INFRA, ['matchNames: [ns9]']), 'infra/iot.yaml': iotConfig(),
      'infra/labelled.yaml': messagingInfrastructure('labelled', INFRA, ['matchLabels:', '  team: a']),
      'ns1/ns.yaml': namespace('ns1', { team: 'a' }), 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'nothing selects the namespace', shows: ['MessagingInfrastructureNotFound'],
    files: { 'infra/mi.yaml': messagingInfrastructure('default', INFRA, ['matchNames: [ns9]']), 'infra/iot.yaml': iotConfig(),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'the infrastructure of the tenant is in another namespace, the IoT infrastructure serves another',
    shows: ['NoIoTInfrastructure'],
    files: { ...healthyInfra, 'infra2/mi.yaml': messagingInfrastructure('shared', 'infra2'),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1', ['infra2', 'shared']) } },
  { name: 'no messaging infrastructure and no IoT infrastructure at all', shows: ['project-requires-iot-infrastructure'],
    files: { 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'no IoT infrastructure, no tenant, no messaging infrastructure', shows: ['project-requires-messaging-tenant'],
    files: { 'ns1/p.yaml': project('iot1', 'ns1'), 'ns2/p.yaml': project('iot2', 'ns2') } },
  { name: 'a messaging infrastructure but no IoT infrastructure', shows: ['NoIoTInfrastructure'],
    files: { 'infra/mi.yaml': messagingInfrastructure('default'), 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'the IoTConfig binds to a messaging infrastructure that does not exist', shows: ['iot-infrastructure-messaging-infrastructure'],
    files: { 'infra/iot.yaml': iotConfig('default', INFRA, 'missing'), 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'the only IoTConfig has the wrong name', shows: ['iot-infrastructure-name'],
    files: { 'infra/mi.yaml': messagingInfrastructure('iot'), 'infra/iot.yaml': iotConfig('iot'),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'two IoTConfigs named default in two namespaces', shows: ['iot-infrastructure-singleton'],
    files: { ...healthyInfra, 'infra2/mi.yaml': messagingInfrastructure('default', 'infra2'), 'infra2/iot.yaml': iotConfig('default', 'infra2'),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1', ['infra2', 'default']) } },
  { name: 'a wrong-named IoTConfig beside the default one', shows: ['iot-infrastructure-name', 'iot-infrastructure-singleton'],
    files: { ...healthyInfra, 'infra/second.yaml': iotConfig('second', INFRA, 'default'),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'an IoTConfig without device registry', shows: ['iot-infrastructure-device-registry'],
    files: { 'infra/mi.yaml': messagingInfrastructure('default'), 'infra/iot.yaml': iotConfig('default', INFRA, 'default', false),
      'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'a project name the API and Hono reject', shows: ['project-name'],
    files: { ...healthyInfra, 'ns1/p.yaml': project('My_Project', 'ns1'), 'ns1/t.yaml': tenant('ns1') } },
  { name: 'a project with the external downstream strategy', shows: ['project-managed-strategy-only'],
    files: { ...healthyInfra, 'ns1/t.yaml': tenant('ns1'), 'ns1/p.yaml': project('iot1', 'ns1', ['spec:', '  # keep me',
      '  downstreamStrategy:', '    externalStrategy:', '      host: example.com', '  configuration:', '    enabled: true']) } },
  { name: 'an address claiming a managed address', shows: ['project-address-conflict'],
    files: { ...healthyInfra, 'ns1/t.yaml': tenant('ns1'), 'ns1/p.yaml': project('iot1', 'ns1'),
      'ns1/a.yaml': yaml(['apiVersion: enmasse.io/v1', 'kind: MessagingAddress', 'metadata:', '  name: mine', '  namespace: ns1',
        'spec:', '  address: telemetry/ns1.iot1', '  anycast: {}']) } },
  { name: 'the later names of the kinds (IoTTenant, MessagingProject, IoTInfrastructure)',
    shows: ['iot-infrastructure-name', 'MessagingTenantNotFound'],
    files: { 'infra/mi.yaml': messagingInfrastructure('infra'), 'infra/iot.yaml': iotConfig('infra', INFRA, undefined, true, 'IoTInfrastructure', 'iot.enmasse.io/v1'),
      'ns1/p.yaml': project('iot1', 'ns1', ['spec: {}'], 'IoTTenant', 'iot.enmasse.io/v1'),
      'ns2/p.yaml': project('iot2', 'ns2'), 'ns2/t.yaml': tenant('ns2', undefined, 'default', 'MessagingProject') } },
  { name: 'a kustomize overlay that sets the namespace', shows: ['project-requires-messaging-tenant', 'NoIoTInfrastructure'],
    files: { 'kustomization.yaml': yaml(['resources:', '  - infra', '  - tenants/ns1', '  - tenants/ns2']),
      'infra/kustomization.yaml': yaml(['namespace: enmasse-infra', 'resources:', '  - mi.yaml', '  - other.yaml', '  - iot.yaml']),
      'infra/mi.yaml': messagingInfrastructure('default', INFRA, ['matchNames: [ns2]']).replace('  namespace: enmasse-infra\n', ''),
      'infra/other.yaml': messagingInfrastructure('other', INFRA).replace('  namespace: enmasse-infra\n', ''),
      'infra/iot.yaml': iotConfig(),
      'tenants/ns1/kustomization.yaml': yaml(['namespace: ns1', 'resources:', '  - project.yaml # the project']),
      'tenants/ns1/project.yaml': project('iot1'),
      'tenants/ns2/kustomization.yaml': yaml(['namespace: ns2', 'resources:', '  - project.yaml', '  - tenant.yaml']),
      'tenants/ns2/project.yaml': project('iot2'), 'tenants/ns2/tenant.yaml': tenant(undefined, ['enmasse-infra', 'other']) } },
];

const check = checkJsonInProcess;

/** Splits a printed command into argv as a POSIX shell would (the fixes quote nothing). */
function argvOf(command: string): string[] {
  assert.ok(!/["'`$;&|<>\\]/.test(command), `a fix must be a plain command: ${command}`);
  return command.trim().split(/\s+/);
}

for (const [index, { name, files, shows }] of CASES.entries()) {
  roundTrip(`${name}: every fix runs as printed and the tree comes out clean`, async () => {
    const dir = `${tmp.dir}/case-${index}`;
    writeTree(dir, files);
    const before = await check(dir);
    const seen = [...before.results.map((r) => r.policy), ...before.projects.flatMap((p) => p.conditions.map((c) => c.reason))];
    for (const expected of shows) assert.ok(seen.includes(expected), `${expected} not shown: ${JSON.stringify(before.results)}`);
    const fixes = [...new Set(before.results.filter((r) => r.severity === 'error').map((r) => r.remediation))];
    for (const fix of fixes) {
      assert.ok(fix.startsWith('kubectl iot '), `an error's fix is not a command: ${fix}`);
      assert.not.match(fix, /[{}]|NAME\b|NEW_NAME/, `a fix with a placeholder: ${fix}`);
      const [, , ...args] = argvOf(fix);
      const ran = await runInProcess([...args, '--gitops-dir', dir]);
      assert.is(ran.code, 0, `${fix} --gitops-dir DIR failed: ${ran.stderr}`);
    }
    const rendered = files['kustomization.yaml'] ? await runInProcess(['check', dir]) : undefined;
    if (rendered) assert.not.match(rendered.stderr, /kustomize/i, rendered.stderr);
    const after = await check(dir);
    assert.equal(after.results.filter((r) => r.severity === 'error'), [], `fixes ran: ${fixes.join('; ')}`);
    assert.equal(after.projects.filter((p) => p.phase !== 'Active'), []);
    assert.ok(after.projects.length >= before.projects.length);
  });
}

/** The `fix:` lines of check's text output, each as printed. */
const printedFixes = (text: string) => [...new Set([...text.matchAll(/^ {4}fix: (.*)$/gm)].map((m) => m[1]))];

roundTrip('the text output prints each fix with --gitops-dir DIR, so it runs as printed from where check ran', async () => {
  const [index, { files }] = [...CASES.entries()].find(([, c]) => c.name === 'a kustomize overlay that sets the namespace')!;
  const dir = `${tmp.dir}/as-printed-${index}`;
  writeTree(dir, files);
  writeTree(dir, { 'tenants/ns1/project.yaml': project('Bad_Name') + '---\n' + project('iot1') });
  // From the folder above the tree, named relatively: the fixes must name it as check was given it.
  const before = await runInProcess(['check', `as-printed-${index}`], { cwd: tmp.dir });
  assert.is(before.code, 1, before.stderr);
  const fixes = printedFixes(before.stdout);
  assert.ok(fixes.some((fix) => fix.startsWith('kubectl iot rename iotproject Bad_Name ')), before.stdout);
  for (const fix of fixes.filter((f) => f.startsWith('kubectl iot '))) {
    assert.ok(fix.endsWith(` --gitops-dir as-printed-${index}`), `not runnable as printed: ${fix}`);
    const ran = await runInProcess(argvOf(fix).slice(2), { cwd: tmp.dir });
    assert.is(ran.code, 0, `${fix} failed: ${ran.stderr}`);
  }
  const after = await runInProcess(['check', `as-printed-${index}`], { cwd: tmp.dir });
  assert.is(after.code, 0, after.stdout);
  assert.match(after.stdout, /No findings\./);
  // The JSON contract keeps the pack's words: the flag is the reader's to add (SPEC "Remediations are a contract").
  const json = await check(dir);
  assert.ok(json.results.length === 0);
  const broken = `${tmp.dir}/as-printed-json`;
  writeTree(broken, { ...healthyInfra, 'ns1/p.yaml': project('iot1', 'ns1') });
  assert.equal((await check(broken)).results.map((r) => r.remediation), ['kubectl iot create tenant -n ns1']);
});

roundTrip('a label selector on a namespace whose labels are unknown is a warning, never a false error', async () => {
  const dir = `${tmp.dir}/unknown-labels`;
  writeTree(dir, { 'infra/mi.yaml': messagingInfrastructure('labelled', INFRA, ['matchLabels:', '  team: a']),
    'infra/iot.yaml': iotConfig('default', INFRA, 'labelled'), 'ns1/p.yaml': project('iot1', 'ns1'), 'ns1/t.yaml': tenant('ns1') });
  const report = await check(dir);
  assert.equal(report.results.filter((r) => r.severity === 'error'), []);
  const warning = report.results.find((r) => r.severity === 'warning');
  assert.ok(warning, JSON.stringify(report.results));
  assert.match(warning!.remediation, /Namespace ns1.*--live/);
  assert.equal(report.projects[0].conditions.map((c) => c.reason), ['MessagingTenantFound', 'NamespaceLabelsUnknown']);
});

roundTrip.run();
