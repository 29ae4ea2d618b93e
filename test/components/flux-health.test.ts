import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { HEALTH_CHECK_EXPRS, HEALTH_CHECKED_KINDS, type HealthCheckExpr } from '../../plugin/gitops/flux-health';
import { namesOf } from '../../plugin/model/kinds';
import { byKindAndSample, GENERATION, sampleCases } from '../fixtures/project-status';
import { ROOT, runCli } from '../helpers/cli';
import { fluxHealth, requireHealthEval, type Verdict } from '../helpers/health-eval';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

// The expressions exactly as Flux gets them: those the generated component patches into iot-tenants.
const COMPONENT = join(ROOT, 'kustomize', 'components', 'flux', 'kustomization.yaml');
const shipped: HealthCheckExpr[] = parse(parse(readFileSync(COMPONENT, 'utf8')).patches.at(-1).patch).spec.healthCheckExprs;

const cel = suite('Flux healthCheckExprs in fluxcd/pkg/runtime/cel v0.117.0 (kustomize-controller\'s evaluator)');

const NAMES = HEALTH_CHECKED_KINDS.flatMap((kind) => namesOf(kind));
const CASES = sampleCases(NAMES);
let bySample: Record<string, Record<string, Verdict>> = {};

if (requireHealthEval(cel)) {
  cel.before(() => {
    // One process for every object: all names of every kind in every sample.
    const [verdicts] = fluxHealth([{ healthCheckExprs: shipped, objects: CASES.map((c) => c.object) }]);
    bySample = byKindAndSample(CASES, verdicts);
  });

  cel('there is one check for every name of every kind the Argo CD checks cover', () => {
    assert.equal(shipped.map((check) => `${check.apiVersion}/${check.kind}`), [
      'iot.enmasse.io/v1alpha1/IoTProject', 'iot.enmasse.io/v1/IoTTenant',
      'iot.enmasse.io/v1alpha1/IoTConfig', 'iot.enmasse.io/v1/IoTInfrastructure',
      'enmasse.io/v1/MessagingTenant', 'enmasse.io/v1/MessagingProject', 'enmasse.io/v1/MessagingInfrastructure',
    ]);
    for (const { kind, sample } of CASES) assert.is.not(bySample[kind][sample].status, 'NotChecked', `${kind} ${sample}`);
  });

  cel('Active is Current; Failed, whichever the cause, is Failed', () => {
    for (const { kind } of NAMES) {
      assert.equal(bySample[kind].active, { status: 'Current' }, kind);
      for (const sample of ['failed, no tenant', 'failed, no IoT infrastructure', 'EnMasse message only']) {
        assert.equal(bySample[kind][sample], { status: 'Failed' }, `${kind} ${sample}`);
      }
    }
  });

  cel('another phase, or a status without one, is InProgress (has() keeps the missing phase from erroring)', () => {
    for (const { kind } of NAMES) {
      assert.equal(bySample[kind].configuring, { status: 'InProgress' }, kind);
      assert.equal(bySample[kind]['empty status'], { status: 'InProgress' }, kind);
    }
  });

  cel('no status yet is an evaluation error, Unknown (has() cannot test a top-level field): Flux keeps waiting', () => {
    for (const { kind } of NAMES) {
      const verdict = bySample[kind]['no status yet'];
      assert.equal([verdict.status, verdict.error], ['Unknown', true], kind);
      assert.match(verdict.message!, /no such attribute\(s\): status\.phase/);
    }
  });

  cel(`a status of an older generation than ${GENERATION} is InProgress, whatever its phase (Flux's own rule, on int64 numbers)`, () => {
    for (const { kind } of NAMES) {
      assert.equal(bySample[kind]['stale Active'], { status: 'InProgress' }, kind);
      assert.equal(bySample[kind]['stale Failed'], { status: 'InProgress' }, kind);
      assert.equal(bySample[kind]['generation observed'], { status: 'Current' }, kind);
    }
  });

  cel('Flux refuses two checks for one group and kind (the shipped list passes: one per name)', () => {
    const twice = [{ healthCheckExprs: [shipped[0], { ...shipped[0], apiVersion: 'iot.enmasse.io/v1' }], objects: [] }];
    const run = spawnSync('health-eval', ['flux'], { input: JSON.stringify(twice), encoding: 'utf8' });
    assert.is(run.status, 2);
    assert.match(run.stderr, /^health-eval: request 0: duplicate custom health check for GroupKind IoTProject\.iot\.enmasse\.io at healthchecks\[1\]\n$/);
  });

  cel('the component ships the expressions of plugin/gitops/flux-health.ts', () => {
    assert.equal(shipped, HEALTH_CHECK_EXPRS);
  });
}

cel.run();

const component = suite('kustomize/components/flux (real kustomize on Flux Kustomizations)');
let tmp: ReturnType<typeof tempDir>;
component.before.each(() => {
  tmp = tempDir();
});
component.after.each(() => tmp.cleanup());

const fluxKustomization = (name: string) => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name, namespace: 'flux-system' },
  spec: { interval: '10m', path: `./${name}`, prune: true, sourceRef: { kind: 'GitRepository', name: 'iot' } },
});

/** Builds `resources` (file -> YAML) with the Flux component; the Kustomizations by name. */
function build(resources: Record<string, string>): Record<string, any> {
  const flux = relative(tmp.dir, join(ROOT, 'kustomize', 'components', 'flux'));
  const kustomization = stringify({ resources: Object.keys(resources), components: [flux] });
  writeTree(tmp.dir, { ...resources, 'kustomization.yaml': kustomization });
  const built = spawnSync('kubectl', ['kustomize', tmp.dir], { encoding: 'utf8' });
  assert.is(built.status, 0, built.stderr);
  const objects = parseAllDocuments(built.stdout).map((d) => d.toJS());
  return Object.fromEntries(objects.filter((o) => o.kind === 'Kustomization').map((o) => [o.metadata.name, o]));
}

component('adds wait and the health checks to iot-infrastructure and iot-tenants only', () => {
  const layers = ['iot-crds', 'iot-infrastructure', 'iot-tenants'].map(fluxKustomization);
  const built = build({ 'iot.yaml': layers.map((o) => stringify(o)).join('---\n') });
  for (const name of ['iot-infrastructure', 'iot-tenants']) {
    const expected = { ...fluxKustomization(name).spec, wait: true, healthCheckExprs: HEALTH_CHECK_EXPRS };
    assert.equal(built[name].spec, expected);
  }
  assert.equal(built['iot-crds'], fluxKustomization('iot-crds'));
});

component('on what `kubectl iot init --engine flux` writes, it changes nothing: both come from one source', () => {
  const repo = join(tmp.dir, 'repo');
  assert.is(runCli(['init', repo, '--engine', 'flux']).code, 0);
  const iot = readFileSync(join(repo, 'deploy', 'flux', 'iot.yaml'), 'utf8');
  const kustomizations = parseAllDocuments(iot).map((d) => d.toJS()).filter((o) => o.kind === 'Kustomization');
  const written = Object.fromEntries(kustomizations.map((o) => [o.metadata.name, o]));
  assert.equal(build({ 'iot.yaml': iot }), written);
});

component.run();
