import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { compile, ENTRYPOINT, evaluateToText, loadPolicies, reportOf, type PolicyEngine, type RawProject } from '../../plugin/policy/engine';

const INFRA = 'enmasse-infra';
const parameters = { infraNamespace: INFRA };

const obj = (apiVersion: string, kind: string, namespace: string | undefined, name: string, rest = {}): KubeObject =>
  ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...rest });
const project = (ns: string, name = 'iot1') => obj('iot.enmasse.io/v1alpha1', 'IoTProject', ns, name);
const tenant = (ns: string, name = 'default', spec = {}) => obj('enmasse.io/v1', 'MessagingTenant', ns, name, { spec });
const messagingInfra = (name = 'default', spec = {}, created?: string) => {
  const infra = obj('enmasse.io/v1', 'MessagingInfrastructure', INFRA, name, { spec });
  if (created) infra.metadata.creationTimestamp = created;
  return infra;
};
const registry = { deviceRegistry: { infinispan: { server: { external: { host: 'infinispan' } } } } };
const iotConfig = (name = 'default', spec: Record<string, unknown> = {}) =>
  obj('iot.enmasse.io/v1alpha1', 'IoTConfig', INFRA, name, { spec: { services: registry, ...spec } });
const namespace = (name: string, labels: Record<string, string>) =>
  obj('v1', 'Namespace', undefined, name, { metadata: { name, labels } });
const ref = (o: KubeObject) =>
  ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name! });

const addresses = (ns: string, name: string) =>
  ['telemetry', 'event', 'command', 'command_response'].map((p) => `${p}/${ns}.${name}`);

let engine: PolicyEngine;
const evaluate = (resources: KubeObject[]) => engine.evaluate({ parameters, resources });
const projectOf = (resources: KubeObject[], index = 0): RawProject => evaluate(resources).projects[index];

const wasm = suite('policy engine (policies/build/policy.wasm)');

wasm.before(async () => {
  engine = await loadPolicies();
});

wasm('compiles the module once per process', async () => {
  assert.is(loadPolicies(), loadPolicies());
  assert.is(await loadPolicies(), engine);
});

wasm('reports a project without messaging tenant as Failed, recovering automatically', () => {
  const report = evaluate([project('ns1'), messagingInfra(), iotConfig()]);
  assert.equal(report.projects, [{
    namespace: 'ns1', name: 'iot1', tenantName: 'ns1.iot1', phase: 'Failed',
    phaseReason: 'There is no MessagingTenant named default in namespace ns1. The project becomes ready by itself '
      + 'once the tenant exists. Fix: kubectl iot create tenant -n ns1',
    recovery: 'automatic',
    conditions: [
      { type: 'HasMessagingTenant', status: 'False', reason: 'MessagingTenantNotFound',
        message: 'There is no MessagingTenant named default in namespace ns1' },
      { type: 'HasMessagingInfrastructure', status: 'Unknown', reason: 'MessagingTenantNotFound',
        message: 'There is no MessagingTenant named default in namespace ns1 to lead to a messaging infrastructure' },
    ],
    addresses: addresses('ns1', 'iot1'),
    adapterAddresses: addresses('ns1', 'iot1').map((a) => `ns1/${a}`),
    chain: {},
    index: 0,
  }]);
  assert.equal(report.findings, [{
    policy: 'project-requires-messaging-tenant', severity: 'error',
    message: 'There is no MessagingTenant named default in namespace ns1',
    resource: ref(project('ns1')), remediation: 'kubectl iot create tenant -n ns1', index: 0,
  }]);
});

wasm('reports a tenant without IoT infrastructure as Failed, needing the project re-created', () => {
  const resources = [messagingInfra(), tenant('ns1'), project('ns1')];
  const message = 'MessagingInfrastructure enmasse-infra/default, which serves namespace ns1, has no IoT infrastructure: '
    + 'no IoTConfig in namespace enmasse-infra is bound to it';
  const status = projectOf(resources);
  assert.is(status.phase, 'Failed');
  assert.is(status.recovery, 'manual');
  assert.is(status.recreate, 'kubectl iot recreate project iot1 -n ns1');
  assert.is(status.phaseReason, `${message}. The controller does not retry: after the fix, re-create the project with `
    + 'kubectl iot recreate project iot1 -n ns1. Fix: kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/default');
  assert.equal(status.conditions[1], { type: 'HasMessagingInfrastructure', status: 'False', reason: 'NoIoTInfrastructure', message });
  assert.equal(status.chain, { tenant: ref(tenant('ns1')), messagingInfrastructure: ref(messagingInfra()) });
  assert.equal(evaluate(resources).findings, [{
    policy: 'project-requires-iot-infrastructure', severity: 'error', message, resource: ref(project('ns1')),
    remediation: 'kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/default', index: 2,
  }]);
});

wasm('reports a project with its whole chain as Active, without findings', () => {
  const resources = [messagingInfra(), iotConfig(), tenant('ns1'), project('ns1')];
  const report = evaluate(resources);
  assert.equal(report.findings, []);
  const [status] = report.projects;
  assert.is(status.phase, 'Active');
  assert.is(status.phaseReason, '');
  assert.is(status.recovery, undefined);
  assert.equal(status.conditions.map((c) => [c.type, c.status, c.reason]), [
    ['HasMessagingTenant', 'True', 'MessagingTenantFound'],
    ['HasMessagingInfrastructure', 'True', 'IoTInfrastructureFound'],
  ]);
  assert.equal(status.chain, {
    tenant: ref(tenant('ns1')), messagingInfrastructure: ref(messagingInfra()), iotInfrastructure: ref(iotConfig()),
  });
  assert.is(status.index, 3);
});

wasm('explains that a tenant not named default is ignored, and warns about it', () => {
  const report = evaluate([messagingInfra(), iotConfig(), tenant('ns1', 'mytenant'), project('ns1')]);
  assert.is(report.projects[0].conditions[0].message, 'There is no MessagingTenant named default in namespace ns1; '
    + 'the controller ignores MessagingTenant ns1/mytenant (only the tenant named default counts)');
  assert.equal(report.findings.map((f) => [f.policy, f.severity, f.index]).sort(), [
    ['messaging-tenant-name', 'warning', 2],
    ['project-requires-messaging-tenant', 'error', 3],
  ]);
});

wasm('groups repeated keys in WebAssembly too: every ignored tenant named (sorted), the first default tenant counts', () => {
  const resources = [
    tenant('ns9', 'first'), messagingInfra(), iotConfig(), messagingInfra('other'),
    tenant('ns1', 'zeta'), tenant('ns2', 'x'), tenant('ns1', 'alpha'), project('ns1'),
    tenant('ns3', 'default', { messagingInfrastructureRef: { name: 'other' } }), tenant('ns3', 'default'), project('ns3'),
  ];
  const report = evaluate(resources);
  assert.is(report.projects[0].conditions[0].message, 'There is no MessagingTenant named default in namespace ns1; '
    + 'the controller ignores MessagingTenant ns1/alpha and MessagingTenant ns1/zeta (only the tenant named default counts)');
  assert.equal(report.projects[1].chain?.messagingInfrastructure, ref(messagingInfra('other')));
});

wasm('follows an explicit messagingInfrastructureRef, its namespace defaulting to the infrastructure namespace', () => {
  const picked = messagingInfra('picked');
  const bound = iotConfig('default', { messagingInfrastructureRef: 'picked' });
  const boundTenant = tenant('ns1', 'default', { messagingInfrastructureRef: { name: 'picked' } });
  const status = projectOf([messagingInfra(), picked, bound, boundTenant, project('ns1')]);
  assert.is(status.phase, 'Active');
  assert.equal(status.chain?.messagingInfrastructure, ref(picked));
  assert.equal(status.chain?.iotInfrastructure, ref(bound));
});

wasm('prefers a matchNames infrastructure, then one without selector, then a label match', () => {
  const named = messagingInfra('named', { namespaceSelector: { matchNames: ['ns1'] } }, '2022-01-01T00:00:00Z');
  const global = messagingInfra('global', {}, '2021-01-01T00:00:00Z');
  const labelled = messagingInfra('labelled', { namespaceSelector: { matchLabels: { team: 'a' } } }, '2020-01-01T00:00:00Z');
  const chosen = (resources: KubeObject[]) =>
    projectOf([...resources, tenant('ns1'), project('ns1')]).chain?.messagingInfrastructure?.name;
  const labels = namespace('ns1', { team: 'a' });
  assert.is(chosen([labelled, global, named, labels]), 'named');
  assert.is(chosen([labelled, global, labels]), 'global');
  assert.is(chosen([labelled, labels]), 'labelled');
  assert.is(chosen([labelled, namespace('ns1', { team: 'b' })]), undefined);
});

wasm('reports a project whose namespace labels decide, without its Namespace object, as Unknown with a warning', () => {
  const gold = messagingInfra('gold', { namespaceSelector: { matchLabels: { tier: 'gold' } } });
  const resources = [gold, iotConfig('default', { messagingInfrastructureRef: 'gold' }), tenant('ns1'), project('ns1')];
  const report = evaluate(resources);
  const [status] = report.projects;
  assert.is(status.phase, 'Unknown');
  assert.is(status.recovery, undefined);
  assert.is(status.recreate, undefined);
  assert.equal(status.conditions.map((c) => [c.type, c.status, c.reason]), [
    ['HasMessagingTenant', 'True', 'MessagingTenantFound'],
    ['HasMessagingInfrastructure', 'Unknown', 'NamespaceLabelsUnknown'],
  ]);
  assert.equal(report.findings.map((f) => [f.policy, f.severity, f.remediation]), [['project-requires-iot-infrastructure', 'warning',
    'add Namespace ns1 (with its labels) to the checked files, or check with --live']]);
  const known = evaluate([...resources, namespace('ns1', { tier: 'gold' })]);
  assert.is(known.projects[0].phase, 'Active');
  assert.equal(known.findings, []);
});

wasm('accepts the later kind names as aliases and names objects by the kind they were written with', () => {
  const resources = [
    messagingInfra(),
    obj('iot.enmasse.io/v1', 'IoTInfrastructure', INFRA, 'default', { spec: iotConfig().spec }),
    obj('enmasse.io/v1', 'MessagingProject', 'ns1', 'default'),
    obj('iot.enmasse.io/v1', 'IoTTenant', 'ns1', 'iot1'),
  ];
  const report = evaluate(resources);
  assert.equal(report.findings, []);
  assert.is(report.projects[0].phase, 'Active');
  assert.equal(report.projects[0].chain, {
    tenant: ref(resources[2]), messagingInfrastructure: ref(resources[0]), iotInfrastructure: ref(resources[1]),
  });
});

wasm('indexes every project and finding by its position among all input documents', () => {
  const resources: KubeObject[] = [messagingInfra(), iotConfig()];
  for (let i = 0; i < 10; i++) {
    resources.push(obj('v1', 'ConfigMap', `ns${i}`, 'unrelated'));
    if (i % 2 === 0) resources.push(tenant(`ns${i}`));
    resources.push(project(`ns${i}`, `iot${i}`));
  }
  const report = evaluate(resources);
  assert.is(report.projects.length, 10);
  for (const status of report.projects) {
    assert.equal(resources[status.index].metadata, { name: status.name, namespace: status.namespace });
    assert.is(status.phase, Number(status.name.slice(3)) % 2 === 0 ? 'Active' : 'Failed');
  }
  assert.equal(report.findings.map((f) => resources[f.index].metadata.name).sort(), ['iot1', 'iot3', 'iot5', 'iot7', 'iot9']);
});

wasm('treats an object without namespace as in namespace default', () => {
  const status = projectOf([obj('iot.enmasse.io/v1alpha1', 'IoTProject', undefined, 'iot1')]);
  assert.is(status.namespace, 'default');
  assert.is(status.tenantName, 'default.iot1');
});

wasm('fails loudly when the input has no resources', () => {
  assert.throws(() => engine.evaluate({ parameters } as never), /policy evaluation returned no report/);
});

wasm('names the module file when it cannot be read', async () => {
  try {
    await compile('/nonexistent/policy.wasm');
    assert.unreachable('compile should fail');
  } catch (error) {
    assert.match((error as Error).message, /^cannot read the policy module \/nonexistent\/policy\.wasm: ENOENT/);
  }
});

const answers = suite('reportOf');

const EMPTY = { namespaces: {}, projects: [], addressPrefixes: ['telemetry'], findings: [] };

answers('accepts a result set with one compact report, and writes its projects out', () => {
  assert.equal(reportOf([{ result: EMPTY }]), { projects: [], findings: [] });
  const conditions = [{ type: 'HasMessagingTenant', status: 'False', reason: 'MessagingTenantNotFound', message: 'm' }];
  const namespaces = { ns1: { phase: 'Failed', conditions, chain: {}, recovery: 'automatic' }, ns2: { phase: 'Active', conditions: [], chain: {} } };
  const projects = [[3, 'ns1', 'p', 'ns1.p', 'why', null], [5, 'ns2', 'q', 'ns2.q', '', 'kubectl iot recreate project q -n ns2']];
  const finding = { policy: 'x', severity: 'error', message: 'm', resource: { apiVersion: 'v', kind: 'k', name: 'p' }, remediation: 'r', index: 3 };
  assert.equal(reportOf([{ result: { ...EMPTY, addressPrefixes: ['telemetry', 'event'], namespaces, projects, findings: [finding] } }]), {
    projects: [
      { namespace: 'ns1', name: 'p', tenantName: 'ns1.p', phase: 'Failed', phaseReason: 'why', recovery: 'automatic', conditions,
        addresses: ['telemetry/ns1.p', 'event/ns1.p'], adapterAddresses: ['ns1/telemetry/ns1.p', 'ns1/event/ns1.p'], chain: {}, index: 3 },
      { namespace: 'ns2', name: 'q', tenantName: 'ns2.q', phase: 'Active', phaseReason: '', recreate: 'kubectl iot recreate project q -n ns2',
        conditions: [], addresses: ['telemetry/ns2.q', 'event/ns2.q'], adapterAddresses: ['ns2/telemetry/ns2.q', 'ns2/event/ns2.q'], chain: {}, index: 5 },
    ],
    findings: [finding],
  });
});

answers('rejects an empty or undefined result instead of passing', () => {
  assert.throws(() => reportOf([]), /returned no report \(got \[\]\)/);
  assert.throws(() => reportOf(undefined), /returned no report/);
  assert.throws(() => reportOf([{}]), /returned no report/);
  assert.throws(() => reportOf([{ result: { projects: [] } }]), /returned no report/);
  // The readable report is not what the plugin evaluates: its answer is refused, not read as empty.
  assert.throws(() => reportOf([{ result: { projects: [], findings: [] } }]), /returned no report/);
  assert.throws(() => reportOf([{ result: { ...EMPTY, projects: [[0, 'ns1', 'p', 'ns1.p', '', null]] } }]),
    /a project in namespace ns1 without its namespace's status/);
});

wasm("opa_eval's answer text is the SDK's own evaluate() answer (the fast path couples to ABI 1.2 and the SDK's fields)", () => {
  const { loadPolicySync } = require('@open-policy-agent/opa-wasm') as typeof import('@open-policy-agent/opa-wasm');
  const sdk = loadPolicySync(engine.module, { initial: 1024 });
  const inputs: KubeObject[][] = [
    [],
    [project('ns1')],
    [project('ns1'), tenant('ns1'), messagingInfra(), iotConfig(), namespace('ns1', { a: 'b' })],
    [project('ns1', 'Bad_Name'), project('ns2'), tenant('ns2', 'default', { messagingInfrastructureRef: { name: 'x' } })],
  ];
  for (const resources of inputs) {
    const encoded = new TextEncoder().encode(JSON.stringify({ parameters, resources }));
    const ours = evaluateToText(engine.module, encoded);
    assert.is(ours, JSON.stringify(sdk.evaluate({ parameters, resources }, ENTRYPOINT)));
    assert.equal(reportOf(JSON.parse(ours)), evaluate(resources));
  }
});

wasm.run();
answers.run();
