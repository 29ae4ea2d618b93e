/**
 * Planning `create ... --apply`: what the projects to apply will look like on top of the live cluster's state, and
 * which namespaces will lack their messaging tenant. Pure over its arguments (the live objects are read by the
 * caller), so the decision is testable without a cluster or a terminal.
 */
import { canonicalKind, type KubeObject } from '../model/kinds';
import { buildTenant } from '../model/manifests';
import { evaluateInventory, type Evaluator } from '../policy/evaluate';
import { overlayFiles } from '../policy/overlay';
import type { ProjectStatus } from '../policy/types';

/** What predicting needs besides the objects to apply. */
export interface ClusterState {
  live: KubeObject[];
  evaluator: Evaluator;
  infraNamespace: string;
}

/** The predicted status of each IoTProject among `objects`, with the cluster's state underneath. */
export function predictApply(objects: KubeObject[], state: ClusterState): ProjectStatus[] {
  const inventory = overlayFiles(state.live, objects.map((object) => ({ object })));
  const report = evaluateInventory(state.evaluator, inventory, { infraNamespace: state.infraNamespace });
  return objects.filter((o) => canonicalKind(o.apiVersion, o.kind) === 'IoTProject').flatMap((o) =>
    report.projects.filter((p) => p.namespace === o.metadata.namespace && p.name === o.metadata.name));
}

/** The namespaces whose projects would lack a messaging tenant, each once, in the projects' order. */
export function namespacesLackingTenant(statuses: ProjectStatus[]): string[] {
  const lacking = statuses.filter((s) =>
    s.conditions.some((c) => c.type === 'HasMessagingTenant' && c.status === 'False'));
  return [...new Set(lacking.map((s) => s.namespace))];
}

/** The objects to apply with the namespace's tenant added in front (it must exist before the projects). */
export function withTenant(objects: KubeObject[], namespace: string): KubeObject[] {
  return [buildTenant(namespace), ...objects];
}

/** The namespace the objects are applied in (namespaced ones name it), for reading the cluster's state there. */
export function targetNamespace(objects: KubeObject[], cluster: { namespace: string }): string {
  return objects.find((o) => o.metadata.namespace)?.metadata.namespace ?? cluster.namespace;
}
