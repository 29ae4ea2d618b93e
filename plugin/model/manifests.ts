/** Builders for the tenant-side objects of the model: IoTProject and MessagingTenant. Pure. */
import { API_VERSION, DEFAULT_NAME, KubeObject } from './kinds';

/** The label every generated object carries, so users can find what the plugin made. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'kubectl-iot' };

/** An IoTProject using the managed downstream strategy (the only one the design keeps). */
export function buildProject(namespace: string, name: string): KubeObject {
  return {
    apiVersion: API_VERSION.IoTProject,
    kind: 'IoTProject',
    metadata: { name, namespace, labels: { ...MANAGED_BY } },
    spec: {},
  };
}

/** A reference to a MessagingInfrastructure; the namespace defaults to the infrastructure namespace. */
export interface InfrastructureRef {
  name: string;
  namespace?: string;
}

/** The MessagingTenant `default` of a namespace, optionally bound to one messaging infrastructure. */
export function buildTenant(namespace: string, infrastructure?: InfrastructureRef): KubeObject {
  const spec: Record<string, unknown> = {};
  if (infrastructure) {
    spec.messagingInfrastructureRef = infrastructure.namespace
      ? { name: infrastructure.name, namespace: infrastructure.namespace }
      : { name: infrastructure.name };
  }
  return {
    apiVersion: API_VERSION.MessagingTenant,
    kind: 'MessagingTenant',
    metadata: { name: DEFAULT_NAME, namespace, labels: { ...MANAGED_BY } },
    spec,
  };
}
