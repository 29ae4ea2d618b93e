/** Builders for the tenant-side objects of the model: IoTProject and MessagingTenant. Pure. */
import { API_VERSION, DEFAULT_NAME, type CanonicalKind, KubeObject } from './kinds';

/** The label every generated object carries, so users can find what the plugin made. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'kubectl-iot' };

/** An object of the model as the plugin generates it: current apiVersion, the managed-by label, `spec`. */
export function managedObject(kind: CanonicalKind, namespace: string, name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: API_VERSION[kind], kind, metadata: { name, namespace, labels: { ...MANAGED_BY } }, spec };
}

/** An IoTProject using the managed downstream strategy (the only one the design keeps). */
export function buildProject(namespace: string, name: string): KubeObject {
  return managedObject('IoTProject', namespace, name, {});
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
  return managedObject('MessagingTenant', namespace, DEFAULT_NAME, spec);
}
