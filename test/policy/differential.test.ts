import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadPolicies } from '../../plugin/policy/engine';
import { tempDir } from '../helpers/tmp';

// `opa test` runs Rego in OPA's interpreter; the plugin runs the wasm build. The two have differed (a wasm-only
// "var assignment conflict"), so random inventories go through both and must give the same report.
const differential = suite('policy pack: OPA interpreter and WebAssembly build agree on random inventories');
const opaFound = spawnSync('opa', ['version'], { stdio: 'ignore' }).status === 0;
const CASES = 60;

/** A small seeded PRNG, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random inventory over a few namespaces: projects, tenants (named well or not), infrastructures, IoTConfigs. */
function inventory(seed: number): { parameters: { infraNamespace: string }; resources: unknown[] } {
  const rnd = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)];
  const namespaces = ['ns1', 'ns2', 'ns3'];
  const infraNamespaces = ['enmasse-infra', 'infra2'];
  const infraNames = ['default', 'mi', 'other'];
  const resources: unknown[] = [];
  for (const ns of namespaces) {
    if (rnd() < 0.5) resources.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { tier: pick(['gold', 'silver']) } } });
    for (let i = 0; i < 1 + Math.floor(rnd() * 2); i++) {
      const alias = rnd() < 0.2;
      resources.push({
        apiVersion: alias ? 'iot.enmasse.io/v1' : 'iot.enmasse.io/v1alpha1', kind: alias ? 'IoTTenant' : 'IoTProject',
        metadata: { name: pick(['iot1', 'iot2', 'Bad_Name', 'x']), namespace: ns },
        spec: rnd() < 0.15 ? { downstreamStrategy: { externalStrategy: {} } } : {},
      });
    }
    if (rnd() < 0.7) {
      const ref = rnd() < 0.3 ? { messagingInfrastructureRef: { name: pick(infraNames), namespace: pick(infraNamespaces) } } : {};
      resources.push({ apiVersion: 'enmasse.io/v1', kind: pick(['MessagingTenant', 'MessagingProject']),
        metadata: { name: rnd() < 0.8 ? 'default' : 'main', namespace: ns }, spec: ref });
    }
    if (rnd() < 0.2) {
      resources.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingAddress', metadata: { name: 'a', namespace: ns },
        spec: { address: `telemetry/${ns}.iot1`, anycast: {} } });
    }
  }
  for (let i = 0; i < Math.floor(rnd() * 4); i++) {
    const selector = pick([undefined, { matchNames: [pick(namespaces)] }, { matchLabels: { tier: 'gold' } },
      { matchExpressions: [{ key: 'tier', operator: pick(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: ['gold'] }] }]);
    resources.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure',
      metadata: { name: pick(infraNames), namespace: pick(infraNamespaces), creationTimestamp: pick([undefined, '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z']) },
      spec: selector ? { namespaceSelector: selector } : {} });
  }
  for (let i = 0; i < Math.floor(rnd() * 3); i++) {
    const registry = pick([{ jdbc: { server: { external: { management: { connection: { url: 'jdbc:postgresql://db/x', password: pick([undefined, 'pw']) } } } } } },
      { infinispan: { server: { external: { host: 'h', port: 1 } } } }, {}]);
    resources.push({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig',
      metadata: { name: pick(['default', 'iot']), namespace: pick(infraNamespaces) },
      spec: { messagingInfrastructureRef: pick([undefined, ...infraNames]), services: { deviceRegistry: registry } } });
  }
  return { parameters: { infraNamespace: 'enmasse-infra' }, resources: JSON.parse(JSON.stringify(resources)) };
}

/** JSON with object keys sorted: OPA's interpreter sorts them, the wasm build keeps insertion order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Sparse inventories the random ones rarely produce: each object kind alone, and nothing at all. */
function edgeCases(): { parameters: { infraNamespace: string }; resources: unknown[] }[] {
  const project = { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'p', namespace: 'ns9' } };
  const tenant = { apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace: 'ns9' } };
  const mi = { apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: { name: 'default', namespace: 'enmasse-infra' } };
  const config = { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { name: 'default', namespace: 'enmasse-infra' } };
  // Two IoTConfigs serving two other infrastructures while the project's has none (once a wasm-only conflict).
  const at = (name: string, spec: object) => ({ ...mi, metadata: { name, namespace: 'enmasse-infra' }, spec });
  const bound = (to: string) => ({ ...config, spec: { messagingInfrastructureRef: to } });
  const served = [at('default', {}), at('shared', {}), at('analytics', { namespaceSelector: { matchNames: ['ns9'] } }),
    bound('default'), bound('shared'), tenant, project];
  return [[], [project], [tenant], [mi], [config], [project, tenant], [project, tenant, mi], [project, mi, config],
    [project, tenant, config], [project, tenant, mi, config], served]
    .map((resources) => ({ parameters: { infraNamespace: 'enmasse-infra' }, resources }));
}

/** Orders a report's lists so the comparison does not depend on evaluation order. */
function canonical(report: { projects: unknown[]; findings: unknown[] }): unknown {
  const sort = (items: unknown[]) => items.map(stable).sort();
  return { projects: sort(report.projects), findings: sort(report.findings) };
}

if (opaFound) {
  differential(`${CASES} seeded inventories give identical reports in both engines`, async () => {
    const cases = [...edgeCases(), ...Array.from({ length: CASES }, (_, seed) => inventory(seed + 1))];
    const tmp = tempDir();
    try {
      writeFileSync(join(tmp.dir, 'cases.json'), JSON.stringify({ differential_cases: cases }));
      const query = '[r | some c in data.differential_cases; r := data.policies.main.report with input as c]';
      const opa = spawnSync('opa', ['eval', '--format', 'json', '-d', join(tmp.dir, 'cases.json'), '-d', 'policies',
        '--ignore', 'samples', '--ignore', 'build', '--ignore', 'capabilities.json', '--ignore', '*.md', '--ignore', '*_test.rego',
        '--ignore', 'testing', query], { encoding: 'utf8', maxBuffer: 256 << 20 });
      assert.is(opa.status, 0, opa.stderr || opa.stdout);
      const expected = JSON.parse(opa.stdout).result[0].expressions[0].value as { projects: unknown[]; findings: unknown[] }[];
      assert.is(expected.length, cases.length);
      const engine = await loadPolicies();
      let findings = 0;
      cases.forEach((input, i) => {
        const actual = engine.evaluate(input as never);
        assert.equal(canonical(actual), canonical(expected[i]), `case ${i} differs`);
        findings += actual.findings.length;
      });
      assert.ok(findings > CASES, `the random inventories should trip policies (${findings} findings)`);
    } finally {
      tmp.cleanup();
    }
  });
} else {
  differential('the OPA interpreter is on PATH (scripts/install-tools.sh opa)', () => {
    assert.ok(!process.env.CI, 'opa is missing in CI');
  });
}

differential.run();
