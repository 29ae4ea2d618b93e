import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { luaAvailable, runHealthCheck, type LuaResult } from '../helpers/lua';
import { tempDir } from '../helpers/tmp';
import { PROJECT_STATUSES, SAMPLE_MESSAGES, withStatus } from '../fixtures/project-status';

// The scripts exactly as Argo CD gets them: the data of the generated argocd-cm patch.
const CM = join(__dirname, '..', '..', 'kustomize', 'components', 'argocd', 'argocd-cm.yaml');
const scripts: Record<string, string> = parse(readFileSync(CM, 'utf8')).data;
const script = (groupKind: string) => scripts[`resource.customizations.health.${groupKind}`];

const test = suite('kustomize/components/argocd health checks (real Lua 5.1, sandboxed like Argo CD)');
let tmp: ReturnType<typeof tempDir>;
test.before.each(() => {
  tmp = tempDir();
});
test.after.each(() => tmp.cleanup());

const health = (groupKind: string, sample: string): LuaResult => {
  const [group, kind] = groupKind.split('_');
  const apiVersion = `${group}/${group === 'enmasse.io' ? 'v1' : 'v1alpha1'}`;
  return runHealthCheck(tmp.dir, script(groupKind), withStatus(kind, apiVersion, PROJECT_STATUSES[sample]));
};
const hs = (status: string, message: string): LuaResult => ({ table: { message, status } });
const PROJECT = 'iot.enmasse.io_IoTProject';

if (!luaAvailable()) {
  if (process.env.CI) {
    test('lua5.1 is installed (CI runs the health checks on it: scripts/install-tools.sh lua)', () => {
      assert.unreachable('lua5.1 is not on PATH');
    });
  } else {
    test.skip('every Argo CD health check (skipped: lua5.1 is not installed; scripts/install-tools.sh lua)');
  }
} else {
  test('IoTProject: Active is Healthy, with the phase reason as message', () => {
    assert.equal(health(PROJECT, 'active'), hs('Healthy', ''));
  });

  test('IoTProject: Failed for a missing tenant is Degraded and says it recovers by itself', () => {
    assert.equal(health(PROJECT, 'failed, no tenant'),
      hs('Degraded', `${SAMPLE_MESSAGES.TENANT_MISSING} (recovers by itself once the tenant exists)`));
  });

  test('IoTProject: Failed for HasMessagingInfrastructure=False is Degraded and says to re-create the project', () => {
    assert.equal(health(PROJECT, 'failed, no IoT infrastructure'), hs('Degraded',
      `${SAMPLE_MESSAGES.NO_IOT_INFRASTRUCTURE} (manual recovery: re-create the project after the fix)`));
  });

  test('IoTProject: no status yet, or an empty one, is Progressing "Waiting for controller"', () => {
    assert.equal(health(PROJECT, 'no status yet'), hs('Progressing', 'Waiting for controller'));
    assert.equal(health(PROJECT, 'empty status'), hs('Progressing', 'Waiting for controller'));
  });

  test('IoTProject: EnMasse\'s .status.message stands in for phaseReason', () => {
    assert.equal(health(PROJECT, 'EnMasse message only'), hs('Degraded', SAMPLE_MESSAGES.ENMASSE_MESSAGE));
  });

  test('IoTProject: any other phase is Progressing, naming the phase', () => {
    assert.equal(health(PROJECT, 'configuring'), hs('Progressing', 'Configuring: Creating addresses'));
  });

  test('IoTProject: a malformed status (a string, null or odd conditions) does not break the check', () => {
    const run = (status: unknown) => runHealthCheck(tmp.dir, script(PROJECT), { kind: 'IoTProject', status });
    assert.equal(run('weird'), hs('Progressing', 'Waiting for controller'));
    assert.equal(run({ phase: 'Failed', phaseReason: null, message: 'm', conditions: null }), hs('Degraded', 'm'));
    assert.equal(run({ phase: 'Failed', conditions: ['x', 3] }), hs('Degraded', ''));
  });

  test('IoTTenant, the later name, runs the same check as IoTProject', () => {
    assert.is(script('iot.enmasse.io_IoTTenant'), script(PROJECT));
  });

  for (const kind of ['iot.enmasse.io_IoTConfig', 'enmasse.io_MessagingTenant', 'enmasse.io_MessagingInfrastructure']) {
    const name = kind.split('_')[1];
    test(`${name}: Active Healthy, Failed Degraded with its reason, no status or Configuring Progressing`, () => {
      assert.equal(health(kind, 'active'), hs('Healthy', ''));
      assert.equal(health(kind, 'EnMasse message only'), hs('Degraded', SAMPLE_MESSAGES.ENMASSE_MESSAGE));
      assert.equal(health(kind, 'failed, no tenant'), hs('Degraded', SAMPLE_MESSAGES.TENANT_MISSING));
      assert.equal(health(kind, 'no status yet'), hs('Progressing', 'Waiting for controller'));
      assert.equal(health(kind, 'configuring'), hs('Progressing', 'Configuring: Creating addresses'));
    });
  }

  test('the sandbox is Argo CD\'s: a script using the string library fails, as it would in argocd-cm', () => {
    const result = runHealthCheck(tmp.dir, 'return { status = string.format("%s", "Healthy") }', {});
    assert.match((result as { error: string }).error, /^error: .*attempt to index global 'string'/);
    const method = runHealthCheck(tmp.dir, 'return { status = ("Healthy"):lower() }', {});
    assert.match((method as { error: string }).error, /^error: .*attempt to index/);
  });
}

test.run();
