/**
 * The Gatekeeper export in a real Gatekeeper: the manager (audit, status and generate operations, no webhook)
 * against the e2e kube-apiserver, with the export's sync Config, templates and Constraints installed as its README
 * says. Each round puts one fixture tree into the cluster and waits for an audit that started after it; the
 * violations on the Constraints' status must be exactly `kubectl iot check`'s verdicts on the same live objects.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { INVENTORY, qualifiedName } from '../../plugin/cluster/resources';
import { runIfReady } from '../helpers/ci';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { checkVerdicts } from '../helpers/verdicts';
import { findTools, startApiServer, type ApiServer } from './apiserver';
import { findGatekeeper, getJson, installExport, poll, readAudit, startGatekeeper, type Gatekeeper } from './gatekeeper';

type Json = Record<string, any>;

const gk = suite('e2e: the Gatekeeper export in the real Gatekeeper manager (audit) on a real kube-apiserver');
let server: ApiServer;
let gatekeeper: Gatekeeper;
let tmp: ReturnType<typeof tempDir>;
const seen = new Set<string>();
const latencies: string[] = [];

/**
 * The fixture trees of the gator parity suite (one round each), one policy sample they leave out, and one name
 * only a cluster can hold; with the objects of each that the API server refuses (by name or by CRD schema).
 */
const ROUNDS: { path: string; refused: string[] }[] = [
  { path: 'examples/broken', refused: [] },
  { path: 'test/fixtures/parity/multi-namespace', refused: ['IoTProject team-d/Bad_Name'] },
  { path: 'test/fixtures/parity/selectors', refused: ['IoTConfig other-infra/default'] },
  { path: 'policies/iot-infrastructure-name/samples/denied-beside-default.yaml', refused: [] },
  { path: 'test/fixtures/gatekeeper/long-tenant-name.yaml', refused: [] },
];

/** Every YAML document below `path`, in file order. */
function documents(path: string): Json[] {
  const absolute = join(ROOT, path);
  if (statSync(absolute).isDirectory()) return readdirSync(absolute).sort().flatMap((name) => documents(join(path, name)));
  if (!/\.ya?ml$/.test(path)) return [];
  return (loadAll(readFileSync(absolute, 'utf8')) as Json[]).filter((d) => d && typeof d === 'object' && d.kind);
}

/** Applies objects as one List; what the API server refuses as invalid stays out, anything else fails. */
function apply(objects: Json[]): void {
  if (objects.length === 0) return;
  try {
    server.kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  } catch (error) {
    if (!/ is invalid: /.test((error as Error).message)) throw error;
  }
}

const key = (o: Json) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * Puts a fixture into the cluster: namespaces first, then the objects; owner references get the live uid of
 * their owner (the API server assigns uids). Returns the objects the API server refused (names it does not
 * accept, specs its CRD schema rejects: no audit can see them) and the objects it holds, as the fixture has them.
 */
function putFixture(path: string): { refused: string[]; applied: Json[] } {
  const docs = documents(path).map((d) =>
    (d.kind === 'Namespace' || d.metadata.namespace ? d : { ...d, metadata: { ...d.metadata, namespace: 'default' } }));
  const namespaces = docs.filter((d) => d.kind === 'Namespace');
  const declared = new Set(namespaces.map((d) => d.metadata.name));
  const implied = [...new Set(docs.filter((d) => d.kind !== 'Namespace').map((d) => d.metadata.namespace as string))]
    .filter((n) => !declared.has(n)).map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  const owned = docs.filter((d) => d.metadata.ownerReferences);
  // kubectl applies a List in order, so the namespaces exist before the objects in them.
  apply([...namespaces, ...implied, ...docs.filter((d) => d.kind !== 'Namespace' && !owned.includes(d))]);
  const uids = new Map(liveObjects().map((o) => [key(o), o.metadata.uid as string]));
  apply(owned.map((d) => ({ ...d, metadata: { ...d.metadata, ownerReferences: d.metadata.ownerReferences.map((o: Json) =>
    ({ ...o, uid: uids.get(key({ kind: o.kind, metadata: { namespace: d.metadata.namespace, name: o.name } })) })) } })));
  const live = new Set(liveObjects().map(key));
  // Kinds outside the model (a ConfigMap) are applied too, but neither check nor the export reads them.
  const refused = docs.filter((d) => MODEL_KINDS.has(d.kind) && !live.has(key(d)));
  return { refused: refused.map(key), applied: [...implied, ...docs.filter((d) => !refused.includes(d))] };
}

const MODEL_KINDS = new Set(INVENTORY.map((r) => r.kind));
const IOT_RESOURCES = INVENTORY.filter((r) => r.kind !== 'Namespace').map(qualifiedName).join(',');

/** Removes every IoT object (namespaces stay: without kube-controller-manager a deleted one never goes away). */
function clearObjects(): void {
  server.kubectl(['delete', IOT_RESOURCES, '--all', '--all-namespaces', '--wait=true']);
}

/** The namespaces and IoT objects of the cluster, as kubectl reads them back. */
function liveObjects(): Json[] {
  return getJson(server, ['get', INVENTORY.map(qualifiedName).join(','), '--all-namespaces'])?.items ?? [];
}

/** `check`'s verdicts on objects written to one file (JSON documents are YAML). */
function checkObjects(objects: Json[]): string[] {
  const file = join(tmp.dir, 'objects.yaml');
  writeFileSync(file, objects.map((o) => `---\n${JSON.stringify(o)}\n`).join(''));
  return checkVerdicts([file]);
}

/** `check`'s verdicts on what the cluster holds now: the namespaces and IoT objects, read back with kubectl. */
const checkLive = () => checkObjects(liveObjects());

/**
 * What a Constraint's status can show of check's verdict: the audit keeps at most 256 bytes of a message
 * (Gatekeeper's audit manager cuts longer ones to 253 and "..."), in its log and events as on the status.
 */
function asAudited(line: string): string {
  const at = line.indexOf(': ');
  const message = Buffer.from(line.slice(at + 2));
  return message.length <= 256 ? line : `${line.slice(0, at + 2)}${message.subarray(0, 253).toString()}...`;
}

/** Waits for an audit that started after `since` and reports `expected`; fails with the last audit otherwise. */
async function auditMatching(since: number, verdicts: string[], what: string): Promise<void> {
  const expected = verdicts.map(asAudited).sort();
  let last = readAudit(server);
  try {
    await poll(gatekeeper, `no audit reported ${what}`, () => {
      last = readAudit(server);
      const same = last.oldest > since && JSON.stringify(last.verdicts) === JSON.stringify(expected);
      return same ? true : undefined;
    }, 45_000);
  } catch (error) {
    assert.equal(last.verdicts, expected, `${(error as Error).message}\nlast audit started ${new Date(last.oldest).toISOString()}`);
    throw error;
  }
  latencies.push(`${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);
  assert.equal(last.truncated, [], 'totalViolations equals the violations listed');
  last.verdicts.forEach((v) => seen.add(v));
}

gk.before(async () => {
  tmp = tempDir('kubectl-iot-gatekeeper-');
  try {
    server = await startApiServer();
    gatekeeper = await startGatekeeper(server);
  } catch (error) {
    // uvu swallows an error thrown by a hook (every test then just counts as failed): show why.
    process.stderr.write(`\ncould not start the API server and Gatekeeper: ${(error as Error).stack}\n`);
    throw error;
  }
});

gk.after(async () => {
  const runs = gatekeeper?.auditSeconds() ?? [];
  if (latencies.length) {
    process.stderr.write(`gatekeeper: ${runs.length} audit runs of ${Math.min(...runs).toFixed(1)}-${Math.max(...runs).toFixed(1)} s; `
      + `apply to matching status: ${latencies.join('; ')}\n`);
  }
  await gatekeeper?.stop();
  await server?.stop();
  tmp?.cleanup();
});

gk('the template controller creates every Constraint CRD, and every Constraint of the export is installed', async () => {
  const kinds = await installExport(server, gatekeeper);
  assert.is(kinds.length, readdirSync(join(ROOT, 'policies', 'build', 'gatekeeper', 'constraints')).length);
  const installed = (getJson(server, ['get', 'constraints'])?.items as Json[]).map((c) => c.kind).sort();
  assert.equal(installed, [...kinds].sort());
  // The status operation reports each Constraint enforced by this (fake) pod: the engine holds all of them.
  await poll(gatekeeper, 'the Constraints were not all reported enforced', () => {
    const items = (getJson(server, ['get', 'constraints'])?.items ?? []) as Json[];
    return items.length === kinds.length && items.every((c) => c.status?.byPod?.some((p: Json) => p.enforced === true)) ? true : undefined;
  });
  // The sync Config is the export's, unchanged: the referential rules below read what it syncs.
  const config = getJson(server, ['get', 'config', 'config', '-n', 'gatekeeper-system']);
  const exported = load(readFileSync(join(ROOT, 'policies', 'build', 'gatekeeper', 'config.yaml'), 'utf8')) as Json;
  assert.equal(config?.spec, exported.spec);
});

for (const { path, refused } of ROUNDS) {
  gk(`audit of ${path} in the cluster: the Constraints' violations are check's verdicts on the live objects`, async () => {
    clearObjects();
    const put = putFixture(path);
    const since = Date.now();
    assert.equal(put.refused, refused, 'the objects the API server refuses');
    const expected = checkLive();
    // Read back, the objects (now with uids, defaults, managedFields) get the verdicts of the fixture's own text.
    assert.equal(expected, checkObjects(put.applied), 'check on the live objects and on the fixture');
    assert.ok(expected.length > 0, 'the fixture has findings');
    await auditMatching(since, expected, path);
  });
}

gk('the audit covers every policy of the pack (the referential ones included) and both severities', () => {
  const policies = new Set([...seen].map((v) => v.split(' ')[0]));
  const pack = readdirSync(join(ROOT, 'policies', 'build', 'gatekeeper', 'templates')).map((f) => f.replace(/\.yaml$/, ''))
    .filter((p) => !p.endsWith('-warning'));
  assert.equal([...policies].sort(), pack.sort());
  assert.ok([...seen].some((v) => v.split(' ')[1] === 'warning'), 'a warning');
  assert.ok([...seen].some((v) => v.split(' ')[1] === 'error'), 'an error');
});

gk('the unknown-labels warning needs a tree without the Namespace: in a cluster the synced Namespace decides', async () => {
  clearObjects();
  const path = 'policies/project-requires-iot-infrastructure/samples/denied-unknown-labels.yaml';
  putFixture(path);
  const since = Date.now();
  const warning = 'project-requires-iot-infrastructure warning IoTProject ns1/iot1: ';
  assert.ok(checkVerdicts([path]).some((v) => v.startsWith(warning)), 'check warns on the files');
  const live = checkLive();
  assert.ok(!live.some((v) => v.startsWith(warning)), live.join('\n'));
  assert.ok(live.some((v) => v.startsWith('project-requires-iot-infrastructure error IoTProject ns1/iot1: ')), live.join('\n'));
  await auditMatching(since, live, 'unknown labels');
});

gk('a tenant created later clears its project\'s violation at the next audit (the synced inventory changes)', async () => {
  clearObjects();
  putFixture('examples/broken');
  server.kubectl(['create', '-f', '-'], JSON.stringify({ apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant',
    metadata: { name: 'default', namespace: 'ns-no-tenant' } }));
  const since = Date.now();
  const expected = checkLive();
  assert.ok(!expected.some((v) => v.startsWith('project-requires-messaging-tenant ')), expected.join('\n'));
  assert.ok(expected.some((v) => v.includes('IoTProject ns-no-iot/fleet')), expected.join('\n'));
  await auditMatching(since, expected, 'tenant created');
  // And deleting it brings the violation back: the audit reads the cluster as it is now.
  server.kubectl(['delete', 'messagingtenant', 'default', '-n', 'ns-no-tenant']);
  const again = Date.now();
  const back = checkLive();
  assert.ok(back.some((v) => v.startsWith('project-requires-messaging-tenant error IoTProject ns-no-tenant/sensors:')), back.join('\n'));
  await auditMatching(again, back, 'tenant deleted');
});

// Without a Config Gatekeeper syncs nothing and data.inventory is undefined, not empty; the templates pass it to
// the adapter, so every rule is undefined: not even the single-object ones report. The Config is required.
gk('without the sync Config the policies that read other objects fail closed, saying why; single-object ones still decide; restored, the audit is check\'s again', async () => {
  clearObjects();
  putFixture('examples/broken');
  const withSync = checkLive();
  const single = withSync.filter((v) => v.startsWith('iot-infrastructure-plaintext-password warning '));
  assert.ok(single.length > 0, 'a single-object finding');
  await auditMatching(Date.now(), withSync, 'before the Config is deleted');
  server.kubectl(['delete', 'config', 'config', '-n', 'gatekeeper-system']);
  const since = Date.now();
  let last: string[] = [];
  await poll(gatekeeper, 'the audit did not fail closed after the Config was deleted', () => {
    const audit = readAudit(server);
    last = audit.verdicts;
    if (audit.oldest <= since) return undefined;
    const unsynced = audit.verdicts.filter((v) => v.includes(': Gatekeeper has synced no objects (data.inventory is empty), so '));
    const projects = unsynced.filter((v) => v.startsWith('project-requires-messaging-tenant error IoTProject '));
    return projects.length > 0 && single.every((v) => audit.verdicts.includes(v)) ? true : undefined;
  }).catch((error: Error) => {
    throw new Error(`${error.message}\nthe audit's last verdicts:\n${last.join('\n')}`);
  });
  server.kubectl(['apply', '-f', join(ROOT, 'policies', 'build', 'gatekeeper', 'config.yaml')]);
  await auditMatching(Date.now(), withSync, 'Config restored');
});

// Without the binaries the suite cannot run: under CI that is a failure, locally a skipped test saying why.
const missing = [...findTools().missing, ...findGatekeeper().missing];
runIfReady(gk, 'e2e: the Gatekeeper export in the real Gatekeeper manager', 'Gatekeeper audit', missing,
  'scripts/install-tools.sh, then eval "$(scripts/install-tools.sh --print-env)"');
