/** N healthy IoT projects, each with its own Namespace and MessagingTenant, sharing one infrastructure (test input). */
import type { KubeObject } from '../../plugin/model/kinds';

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
