import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseCel } from '@marcbachmann/cel-js';
import { parseAllDocuments, stringify } from 'yaml';
import { API_VERSION } from '../../plugin/model/kinds';
import { IOT_PROJECT_HEALTH, TENANT_HEALTH_CHECK_EXPRS, type HealthCheckExpr } from '../../plugin/gitops/flux-health';
import { PROJECT_STATUSES, withStatus } from '../fixtures/project-status';
import { ROOT, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

/**
 * Flux's order (kustomize-controller, fluxcd/pkg runtime/cel): inProgress, failed, current, each on the object's
 * top-level fields; the first true wins, none true is InProgress, an evaluation error makes the object Unknown.
 */
function fluxStatus(check: HealthCheckExpr, object: object): string {
  const steps = [['InProgress', check.inProgress], ['Failed', check.failed], ['Current', check.current]] as const;
  for (const [status, expression] of steps) {
    if (!expression) continue;
    try {
      if (parseCel(expression)(object as Record<string, unknown>) === true) return status;
    } catch (error) {
      return `Unknown: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  return 'InProgress';
}
const project = (sample: string) => withStatus('IoTProject', API_VERSION.IoTProject, PROJECT_STATUSES[sample]);

const cel = suite('Flux healthCheckExprs for IoTProject, evaluated by a CEL library (@marcbachmann/cel-js, not Flux)');

cel('Active is Current; Failed, whichever the cause, is Failed', () => {
  assert.is(fluxStatus(IOT_PROJECT_HEALTH, project('active')), 'Current');
  for (const sample of ['failed, no tenant', 'failed, no IoT infrastructure', 'EnMasse message only']) {
    assert.is(fluxStatus(IOT_PROJECT_HEALTH, project(sample)), 'Failed', sample);
  }
});

cel('another phase, or a status without one, is InProgress (has() keeps the missing phase from erroring)', () => {
  assert.is(fluxStatus(IOT_PROJECT_HEALTH, project('configuring')), 'InProgress');
  assert.is(fluxStatus(IOT_PROJECT_HEALTH, project('empty status')), 'InProgress');
});

cel('no status yet is an evaluation error (has() cannot test a top-level field): Flux keeps waiting, as documented', () => {
  assert.is(fluxStatus(IOT_PROJECT_HEALTH, project('no status yet')), 'Unknown: Unknown variable: status');
});

cel('the expressions are about IoTProject in the API version init writes', () => {
  assert.equal([IOT_PROJECT_HEALTH.apiVersion, IOT_PROJECT_HEALTH.kind], ['iot.enmasse.io/v1alpha1', 'IoTProject']);
  assert.equal(TENANT_HEALTH_CHECK_EXPRS, [IOT_PROJECT_HEALTH]);
});

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

component('adds wait and the health checks to iot-tenants only', () => {
  const layers = [fluxKustomization('iot-crds'), fluxKustomization('iot-tenants')];
  const built = build({ 'iot.yaml': layers.map((o) => stringify(o)).join('---\n') });
  const expected = { ...fluxKustomization('iot-tenants').spec, wait: true, healthCheckExprs: TENANT_HEALTH_CHECK_EXPRS };
  assert.equal(built['iot-tenants'].spec, expected);
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
