/**
 * The ValidatingAdmissionPolicy export on a real kube-apiserver (one for the whole suite, see apiserver.ts):
 * exported by `kubectl iot policies export --format vap`, applied with kubectl, then every object of every policy
 * sample and parity fixture is created (dry run) and the server's answer compared with check's verdict.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { requireTools, whenReady } from '../helpers/ci';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { engineVerdicts, exportedPolicies, policyId, resourceOf, vapFixtures, verdict } from '../helpers/vap';
import { findTools, startApiServer, type ApiServer } from './apiserver';

const e2e = suite('e2e: the ValidatingAdmissionPolicy export on a real kube-apiserver');
const missing = findTools().missing;
let server: ApiServer;
let tmp: ReturnType<typeof tempDir>;
const exported = exportedPolicies();
const ids = new Set(exported.map(({ policy }) => policyId(policy)));
const severityOf = new Map(exported.map(({ policy, action }) => [policy.metadata.name, action === 'Deny' ? 'error' : 'warning']));

interface Answer {
  status: number;
  message: string;
  warnings: string[];
}

/** POSTs an object to the API server as the admin (dry run: nothing is stored unless `store`). */
function create(object: KubeObject, store = false): Promise<Answer> {
  const resource = resourceOf(object);
  if (!resource) throw new Error(`no CRD for ${object.apiVersion} ${object.kind}`);
  const namespace = object.metadata.namespace ?? 'default';
  const path = `/apis/${resource.group}/${resource.version}/namespaces/${namespace}/${resource.plural}`
    // Unknown fields are pruned without a warning: only admission's warnings are compared.
    + `?fieldValidation=Ignore${store ? '' : '&dryRun=All'}`;
  const body = JSON.stringify({ ...object, metadata: { ...object.metadata, namespace } });
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      method: 'POST',
      ca: readFileSync(join(server.dir, 'certs', 'apiserver.crt')),
      headers: { Authorization: `Bearer ${server.tokens.admin}`, 'Content-Type': 'application/json' },
    }, (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        // Each Warning header on its own (Node joins repeated ones with commas): 299 - "text".
        const warnings = res.rawHeaders.filter((_, i) => i % 2 === 1 && /^warning$/i.test(res.rawHeaders[i - 1]))
          .map((w) => w.replace(/^299 - "(.*)"$/s, '$1').replaceAll('\\"', '"').replaceAll('\\\\', '\\'));
        const status = res.statusCode ?? 0;
        resolve({ status, message: status >= 300 ? (JSON.parse(text) as { message: string }).message : '', warnings });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const DENIED = /ValidatingAdmissionPolicy '([^']+)' with binding '[^']+' denied request: (.*)$/s;
const WARNED = /^Validation failed for ValidatingAdmissionPolicy '([^']+)' with binding '[^']+': (.*)$/s;

/** The server's answer as verdicts (denial and warnings), or why it rejected the object before admission. */
function answerVerdicts(object: KubeObject, answer: Answer): string[] {
  const verdicts: string[] = [];
  const found = (name: string, message: string) => verdict(name.replace(/^kubectl-iot-/, ''), severityOf.get(name) ?? '?', object, message);
  for (const warning of answer.warnings) {
    const match = WARNED.exec(warning);
    verdicts.push(match ? found(match[1], match[2]) : `(warning) ${warning}`);
  }
  if (answer.status >= 300) {
    const match = DENIED.exec(answer.message);
    verdicts.push(match?.[1] ? found(match[1], match[2]) : `(status ${answer.status}) ${answer.message}`);
  }
  return verdicts.sort();
}

/** Objects of the fixtures that break one exported policy and no other, by ValidatingAdmissionPolicy name. */
async function probes(): Promise<Map<string, KubeObject[]>> {
  const found = new Map<string, KubeObject[]>();
  for (const fixture of fixtures) {
    for (const [index, verdicts] of await engineVerdicts(fixture, ids)) {
      if (verdicts.length !== 1 || !resourceOf(fixture.documents[index])) continue;
      const name = `kubectl-iot-${verdicts[0].split(' ')[0]}`;
      found.set(name, [...(found.get(name) ?? []), fixture.documents[index]]);
    }
  }
  return found;
}

/**
 * Waits until admission enforces every exported policy (policies and bindings reach the admission plugin
 * asynchronously, each on its own). Type checking (status.typeChecking) is kube-controller-manager's job, which
 * this server lacks.
 */
async function untilEnforced(): Promise<void> {
  const candidates = await probes();
  const pending = new Set(exported.map(({ policy }) => policy.metadata.name));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const name of [...pending]) {
      for (const object of candidates.get(name) ?? []) {
        const answer = await create(object);
        if ([answer.message, ...answer.warnings].some((text) => text.includes(`ValidatingAdmissionPolicy '${name}'`))) pending.delete(name);
      }
    }
    if (pending.size === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not enforced within 30 s: ${[...pending].join(', ')}`);
}

/** Without the binaries the suite cannot run: one skipped test outside CI, one failing test under CI. */
const test = whenReady(e2e, requireTools(e2e, 'the VAP export on a real kube-apiserver', missing));

const fixtures = vapFixtures();
const namespaces = [...new Set(fixtures.flatMap((f) => f.documents).map((d) => d.metadata?.namespace ?? 'default'))]
  .filter((n) => n !== 'default');

const PREDATING: KubeObject[] = [
  { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { name: 'predates', namespace: 'healthy', finalizers: ['iot.enmasse.io/test'] },
    spec: { messagingInfrastructureRef: 'default' } },
  { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'predates', namespace: 'healthy', finalizers: ['iot.enmasse.io/test'] },
    spec: { downstreamStrategy: { externalStrategy: { host: 'amqp.example.com' } } } },
];

e2e.before(async () => {
  if (missing.length > 0) return;
  tmp = tempDir('kubectl-iot-vap-');
  server = await startApiServer().catch((error: Error) => {
    process.stderr.write(`\ncould not start the API server: ${error.stack ?? error.message}\n`);
    throw error;
  });
  const items = [...namespaces, 'healthy'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  server.kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  // Objects that break rules and predate the export, with the finalizer a controller would remove on deletion.
  server.kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: PREDATING }));
});

e2e.after(async () => {
  await server?.stop();
  tmp?.cleanup();
});

test('policies export --format vap writes the export, kubectl applies it and admission enforces it', async () => {
  const result = runCli(['policies', 'export', '--format', 'vap', tmp.dir]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, `next: kubectl apply -f ${tmp.dir}/policies/`);
  const applied = server.kubectl(['apply', '-f', join(tmp.dir, 'policies')]);
  for (const { policy } of exported) {
    assert.match(applied, `validatingadmissionpolicy.admissionregistration.k8s.io/${policy.metadata.name} created`);
    assert.match(applied, `validatingadmissionpolicybinding.admissionregistration.k8s.io/${policy.metadata.name} created`);
  }
  await untilEnforced();
});

test('kubectl create of an IoTProject whose tenant name is too long is denied with check\'s message', () => {
  // The API server itself refuses a metadata.name that is no DNS-1123 subdomain; the tenant name's length is ours.
  const [namespace, name] = ['n'.repeat(63), 'p'.repeat(200)];
  const yaml = `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`;
  const message = `ValidatingAdmissionPolicy 'kubectl-iot-project-name' with binding 'kubectl-iot-project-name' denied request: `
    + `IoTProject ${namespace}/${name}: its tenant name <namespace>.<name> has 264 characters, at most 256 are allowed`;
  assert.throws(() => server.kubectl(['create', '-f', '-'], yaml), (error: Error) => error.message.includes(message));
  assert.throws(() => server.kubectl(['get', 'iotproject', name, '-n', namespace]), /NotFound/);
});

test('kubectl apply of a MessagingTenant not named default admits it with check\'s message as a warning', () => {
  const yaml = 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: other\n  namespace: healthy\n';
  const result = spawnSync('kubectl', ['--kubeconfig', server.kubeconfig('admin'), 'apply', '-f', '-'], { input: yaml, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stderr, 'Warning: Validation failed for ValidatingAdmissionPolicy \'kubectl-iot-messaging-tenant-name\' '
    + 'with binding \'kubectl-iot-messaging-tenant-name\': MessagingTenant healthy/other is ignored: the controller only '
    + 'reconciles the MessagingTenant named default in a namespace');
  assert.match(server.kubectl(['get', 'messagingtenant', 'other', '-n', 'healthy', '-o', 'name']), 'messagingtenant.enmasse.io/other');
});

test('healthy objects are admitted and stored without warnings', async () => {
  const healthy: KubeObject[] = [
    { apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace: 'healthy' } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'sensors.building-7', namespace: 'healthy' },
      spec: { downstreamStrategy: { managedStrategy: {} } } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { name: 'default', namespace: 'healthy' },
      spec: { services: { deviceRegistry: { infinispan: { server: { external: { host: 'infinispan', port: 11222 } } } } } } },
  ];
  for (const object of healthy) assert.equal(await create(object, true), { status: 201, message: '', warnings: [] }, object.kind);
});

test('an object that predates the export takes updates that leave spec alone, loses its finalizer, and is held to the rules when spec changes', () => {
  for (const kind of ['iotconfig', 'iotproject']) {
    assert.match(server.kubectl(['label', kind, 'predates', '-n', 'healthy', 'team=a']), 'labeled');
  }
  assert.throws(() => server.kubectl(['patch', 'iotproject', 'predates', '-n', 'healthy', '--type=merge', '-p', '{"spec":{"configuration":{"enabled":true}}}']),
    (error: Error) => error.message.includes('denied request: IoTProject healthy/predates uses spec.downstreamStrategy.externalStrategy'));
  assert.throws(() => server.kubectl(['patch', 'iotconfig', 'predates', '-n', 'healthy', '--type=merge', '-p', '{"spec":{"enableDefaultRoutes":true}}']),
    (error: Error) => error.message.includes('denied request: IoTConfig healthy/predates configures no device registry'));
  for (const kind of ['iotconfig', 'iotproject']) {
    server.kubectl(['delete', kind, 'predates', '-n', 'healthy', '--wait=false']);
    server.kubectl(['patch', kind, 'predates', '-n', 'healthy', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    assert.throws(() => server.kubectl(['get', kind, 'predates', '-n', 'healthy']), /NotFound/);
  }
});

test('every object of every sample and fixture: the API server\'s answer is check\'s verdict', async () => {
  let compared = 0;
  const beforeAdmission: string[] = [];
  for (const fixture of fixtures) {
    const expected = await engineVerdicts(fixture, ids);
    for (const [index, object] of fixture.documents.entries()) {
      if (!resourceOf(object) || !object.metadata?.name) continue;
      const actual = answerVerdicts(object, await create(object));
      const wanted = expected.get(index) ?? [];
      // The CRD's schema (oneOf of the device registries) may refuse an object before admission sees it.
      if (actual.length === 1 && actual[0].startsWith('(status 422)') && !actual[0].includes('ValidatingAdmissionPolicy')) {
        assert.ok(wanted.some((v) => v.includes(' error ')), `${fixture.file}#${index}: refused by the schema, check finds nothing: ${actual[0]}`);
        beforeAdmission.push(`${fixture.file}#${index}`);
        continue;
      }
      // A denied object reports one denial: the first policy that denies it; warnings come with it.
      const denials = wanted.filter((v) => v.includes(' error '));
      const shown = actual.filter((v) => v.includes(' error '));
      assert.ok(denials.length === 0 ? shown.length === 0 : shown.length === 1 && denials.includes(shown[0]),
        `${fixture.file}#${index}: server ${JSON.stringify(actual)}, check ${JSON.stringify(wanted)}`);
      assert.equal(actual.filter((v) => !v.includes(' error ')), wanted.filter((v) => !v.includes(' error ')), `${fixture.file}#${index}`);
      compared += 1;
    }
  }
  assert.ok(compared > 100, `compared ${compared}`);
  console.log(`vap e2e: ${compared} objects compared, ${beforeAdmission.length} refused before admission: ${beforeAdmission.join(', ')}`);
  assert.ok(beforeAdmission.length < compared / 4, `refused before admission: ${beforeAdmission.join(', ')}`);
});

e2e.run();
