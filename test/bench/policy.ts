/**
 * Times the WebAssembly policy pack on N IoT projects, each with its own Namespace and MessagingTenant, sharing
 * one messaging and IoT infrastructure (the scale the pack must handle: 10,000 projects well under 2 s).
 */
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies } from '../../plugin/policy/engine';

/** The resources of `count` healthy projects. */
export function projectsInput(count: number): KubeObject[] {
  const infra = { name: 'default', namespace: 'enmasse-infra' };
  const jdbc = { server: { external: { connection: { url: 'jdbc:postgresql://db/registry' } } } };
  const resources: KubeObject[] = [
    { apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: infra, spec: {} },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: infra, spec: { services: { deviceRegistry: { jdbc } } } },
  ];
  for (let i = 0; i < count; i++) {
    const namespace = `tenant-${String(i).padStart(5, '0')}`;
    resources.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      { apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace } },
      { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'iot', namespace } },
    );
  }
  return resources;
}

/** Evaluates 1,000 to 10,000 projects and prints the time of each (compilation reported apart). */
export async function benchPolicies(sizes = [1000, 2500, 5000, 10000]): Promise<void> {
  let start = process.hrtime.bigint();
  const engine = await loadPolicies();
  const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`policy pack: compile ${ms().toFixed(0)} ms`);
  for (const size of sizes) {
    const resources = projectsInput(size);
    start = process.hrtime.bigint();
    const report = engine.evaluate({ parameters: { infraNamespace: 'enmasse-infra' }, resources });
    const elapsed = ms();
    const active = report.projects.filter((p) => p.phase === 'Active').length;
    console.log(`policy pack: ${size} projects in ${elapsed.toFixed(0)} ms (${(elapsed / size * 1000).toFixed(0)} µs each), `
      + `${active} Active, ${report.findings.length} findings`);
  }
}
