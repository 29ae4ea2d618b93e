/**
 * check on a tree that holds a Helm chart: the chart is left out with a warning on stderr (its templates are not
 * manifests), the rest is checked as usual, and the command the warning prints, run as printed with the real Helm
 * (scripts/tools.d/helm.sh) and the plugin on PATH, checks what the chart renders.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTools } from '../helpers/ci';
import { ROOT } from '../helpers/cli';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const test = suite('commands/check: a Helm chart in the tree (in-process; the printed fix through real Helm and kubectl)');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

const TREE = {
  'apps/tenant.yaml': 'apiVersion: enmasse.io/v1\nkind: MessagingTenant\nmetadata:\n  name: default\n  namespace: ns1\n',
  'apps/project.yaml': 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: iot1\n  namespace: ns1\n',
  'apps/infra.yaml': 'apiVersion: enmasse.io/v1\nkind: MessagingInfrastructure\nmetadata: {name: default, namespace: enmasse-infra}\n---\n' +
    'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTConfig\nmetadata: {name: default, namespace: enmasse-infra}\n' +
    'spec:\n  services:\n    deviceRegistry:\n      infinispan:\n        server:\n          external: {host: ispn, port: 11222}\n',
  'charts/iot/Chart.yaml': 'apiVersion: v2\nname: iot\nversion: 0.1.0\n',
  'charts/iot/values.yaml': 'name: sensors\nnamespace: ns2\n',
  'charts/iot/templates/project.yaml': 'apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n' +
    '  name: {{ .Values.name }}\n  namespace: {{ .Values.namespace }}\n',
};

test('the chart is left out with one warning on stderr; the rest is checked and passes', async () => {
  writeTree(tmp.dir, TREE);
  const result = await runInProcess(['check', '.', '-o', 'json'], { cwd: tmp.dir });
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stderr, 'warning: charts/iot: a Helm chart, not checked (its templates are not manifests until Helm renders ' +
    'them); check what it renders: helm template charts/iot | kubectl iot check -\n');
  assert.equal(JSON.parse(result.stdout).projects.map((p: { name: string; phase: string }) => [p.name, p.phase]), [['iot1', 'Active']]);
});

test('the chart named itself: exit 2 with the same command', async () => {
  writeTree(tmp.dir, TREE);
  const result = await runInProcess(['check', 'charts/iot'], { cwd: tmp.dir });
  assert.is(result.code, 2);
  assert.is(result.stderr, 'error: charts/iot: a Helm chart, which kubectl iot does not render; check what it renders: ' +
    'helm template charts/iot | kubectl iot check -\n');
});

const helm = spawnSync('sh', ['-c', 'command -v helm'], { encoding: 'utf8' }).stdout.trim();
if (requireTools(test, 'the printed helm template command', helm ? [] : ['helm'], 'scripts/install-tools.sh helm')) {
  test('the printed command, run as printed, checks what the chart renders: its project has no tenant', async () => {
    writeTree(tmp.dir, TREE);
    const warned = await runInProcess(['check', '.'], { cwd: tmp.dir });
    const command = /check what it renders: (helm template .*)$/m.exec(warned.stderr)?.[1];
    assert.ok(command, warned.stderr);
    const run = spawnSync('sh', ['-c', command!], {
      cwd: tmp.dir, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, FORCE_COLOR: undefined, HOME: tmp.dir, PATH: `${join(ROOT, 'bin')}${delimiter}${process.env.PATH}` },
    });
    assert.is(run.status, 1, run.stderr);
    assert.match(run.stdout, /^ {2}ns2\/sensors +ns2\.sensors +Failed$/m);
    assert.match(run.stdout, /project-requires-messaging-tenant +IoTProject ns2\/sensors: There is no MessagingTenant named default in namespace ns2/);
  });
}

test.run();
