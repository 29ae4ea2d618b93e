import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HEALTH_CHECKED_KINDS } from '../../plugin/gitops/flux-health';
import { namesOf } from '../../plugin/model/kinds';
import { argocdHealth, requireHealthEval, type Verdict } from '../helpers/health-eval';
import { byKindAndSample, GENERATION, SAMPLE_MESSAGES, sampleCases } from '../fixtures/project-status';

// The scripts exactly as Argo CD gets them: the data of the generated argocd-cm patch. health-eval picks each
// object's script by its argocd-cm key, as Argo CD does.
const CM = join(__dirname, '..', '..', 'kustomize', 'components', 'argocd', 'argocd-cm.yaml');
const data: Record<string, string> = parse(readFileSync(CM, 'utf8')).data;
const PROJECT_SCRIPT = data['resource.customizations.health.iot.enmasse.io_IoTProject'];

const test = suite('kustomize/components/argocd health checks (gopher-lua v1.1.2 in Argo CD\'s argocd-cm sandbox)');

const NAMES = HEALTH_CHECKED_KINDS.flatMap((kind) => namesOf(kind));
const CASES = sampleCases(NAMES);

/** Scripts run on their own, each with its objects. */
const PROBES: { script: string; objects: unknown[] }[] = [
  // A malformed status (a string, null or odd conditions) must not break the check.
  { script: PROJECT_SCRIPT, objects: [
    { kind: 'IoTProject', status: 'weird' },
    { kind: 'IoTProject', status: { phase: 'Failed', phaseReason: null, message: 'm', conditions: null } },
    { kind: 'IoTProject', status: { phase: 'Failed', conditions: ['x', 3] } },
    { kind: 'IoTProject', metadata: { generation: 'two' }, status: { phase: 'Active', observedGeneration: 1 } },
  ] },
  { script: 'return { status = string.format("%s", "Healthy") }', objects: [{ kind: 'X' }] },
  { script: 'return { status = ("Healthy"):lower() }', objects: [{ kind: 'X' }] },
  { script: 'return { status = "Healthy", message = type(os) .. type(io) .. type(math) }', objects: [{ kind: 'X' }] },
  { script: 'local os = require("os"); return { status = "Healthy", message = type(os.time()) .. type(os.date) .. type(os.exit) .. type(os.getenv) }',
    objects: [{ kind: 'X' }] },
  { script: 'return { status = "Fine" }', objects: [{ kind: 'X' }] },
  { script: 'return "Healthy"', objects: [{ kind: 'X' }] },
  { script: 'while true do end', objects: [{ kind: 'X' }] },
];

let bySample: Record<string, Record<string, Verdict>> = {};
let probes: Verdict[][] = [];
let batchSeconds = 0;

if (requireHealthEval(test)) {
  test.before(() => {
    // One process for every object: all names of every kind in every sample, then the probes.
    const started = Date.now();
    const [samples, ...rest] = argocdHealth([{ data, objects: CASES.map((c) => c.object) }, ...PROBES]);
    batchSeconds = (Date.now() - started) / 1000;
    probes = rest;
    bySample = byKindAndSample(CASES, samples);
  });

  const hs = (status: string, message: string): Verdict => ({ status, message });
  const project = (sample: string) => bySample.IoTProject[sample];

  test('IoTProject: Active is Healthy, with the phase reason as message', () => {
    assert.equal(project('active'), { status: 'Healthy' });
  });

  test('IoTProject: Failed for a missing tenant is Degraded and says it recovers by itself', () => {
    assert.equal(project('failed, no tenant'),
      hs('Degraded', `${SAMPLE_MESSAGES.TENANT_MISSING} (recovers by itself once the tenant exists)`));
  });

  test('IoTProject: Failed for HasMessagingInfrastructure=False is Degraded and says to re-create the project', () => {
    assert.equal(project('failed, no IoT infrastructure'), hs('Degraded',
      `${SAMPLE_MESSAGES.NO_IOT_INFRASTRUCTURE} (manual recovery: re-create the project after the fix)`));
  });

  test('IoTProject: EnMasse\'s .status.message stands in for phaseReason', () => {
    assert.equal(project('EnMasse message only'), hs('Degraded', SAMPLE_MESSAGES.ENMASSE_MESSAGE));
  });

  test('every name of every kind: no status yet, or an empty one, is Progressing "Waiting for controller"', () => {
    for (const { kind } of NAMES) {
      assert.equal(bySample[kind]['no status yet'], hs('Progressing', 'Waiting for controller'), kind);
      assert.equal(bySample[kind]['empty status'], hs('Progressing', 'Waiting for controller'), kind);
    }
  });

  test('every name of every kind: Active Healthy, Failed Degraded with its reason, Configuring Progressing', () => {
    for (const { kind } of NAMES) {
      assert.equal(bySample[kind].active, { status: 'Healthy' }, kind);
      assert.equal(bySample[kind]['EnMasse message only'], hs('Degraded', SAMPLE_MESSAGES.ENMASSE_MESSAGE), kind);
      assert.equal(bySample[kind].configuring, hs('Progressing', 'Configuring: Creating addresses'), kind);
      if (namesOf('IoTProject').some((name) => name.kind === kind)) continue;
      assert.equal(bySample[kind]['failed, no tenant'], hs('Degraded', SAMPLE_MESSAGES.TENANT_MISSING), kind);
    }
  });

  test('every name of every kind: a status of an older generation is Progressing, whatever its phase', () => {
    const waiting = hs('Progressing', `Waiting for controller to observe generation ${GENERATION}`);
    for (const { kind } of NAMES) {
      assert.equal(bySample[kind]['stale Active'], waiting, kind);
      assert.equal(bySample[kind]['stale Failed'], waiting, kind);
      assert.equal(bySample[kind]['generation observed'], { status: 'Healthy' }, kind);
    }
  });

  test('IoTTenant, the later name, runs the same check as IoTProject', () => {
    assert.is(data['resource.customizations.health.iot.enmasse.io_IoTTenant'], PROJECT_SCRIPT);
  });

  test('a malformed status (a string, null, odd conditions, a generation that is no number) does not break the check', () => {
    assert.equal(probes[0], [hs('Progressing', 'Waiting for controller'), hs('Degraded', 'm'), { status: 'Degraded' },
      { status: 'Healthy' }]);
  });

  test('the sandbox is Argo CD\'s: no string library, so neither string.format nor ("x"):lower()', () => {
    const [format, method] = [probes[1][0], probes[2][0]];
    assert.is(format.status, 'Unknown');
    assert.ok(format.error);
    assert.match(format.message!, /attempt to index a non-table object\(nil\) with key 'format'/);
    assert.match(method.message!, /attempt to index a non-table object\(string\) with key 'lower'/);
  });

  test('the sandbox is Argo CD\'s: no global os, io or math; require("os") gives time and date only', () => {
    assert.equal(probes[3][0], hs('Healthy', 'nilnilnil'));
    assert.equal(probes[4][0], hs('Healthy', 'numberfunctionnilnil'));
  });

  test('Argo CD\'s handling of results: an unknown status is Unknown, a non-table result an error', () => {
    assert.equal(probes[5][0], hs('Unknown', 'Lua returned an invalid health status'));
    assert.equal(probes[6][0], { status: 'Unknown', message: 'expect table output from Lua script, not string', error: true });
  });

  test('Argo CD\'s 1 s timeout stops a script that never returns: Unknown', () => {
    assert.is(probes[7][0].status, 'Unknown');
    assert.match(probes[7][0].message!, /context deadline exceeded/);
    assert.ok(batchSeconds >= 1 && batchSeconds < 10, `all checks took ${batchSeconds} s`);
  });
}

test.run();
