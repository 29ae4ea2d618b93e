/** The check report as KRM function results (the KRM Functions Specification's `results` of a ResourceList). */
import type { ListItem, FunctionResult } from '../gitops/resource-list';
import { canonicalKind } from '../model/kinds';
import type { CheckReport, ResourceRef } from '../policy/types';
import { projectResource } from './resources';

/**
 * One result per finding (error or warning, the policy and its fix as tags), then one `info` result per project
 * with the phase the controller would give it; each points at the item's file when kustomize or kpt named it.
 */
export function krmResults(report: CheckReport, items: ListItem[]): FunctionResult[] {
  const files = new Map(items.map((item) => [identity(item.object), item.file]));
  const located = (resourceRef: ResourceRef) => {
    const file = files.get(identity(resourceRef));
    return { resourceRef: reference(resourceRef), ...(file ? { file } : {}) };
  };
  const findings: FunctionResult[] = report.results.map((finding) => ({
    message: finding.message,
    severity: finding.severity,
    ...located(finding.resource),
    tags: { policy: finding.policy, ...(finding.remediation ? { remediation: finding.remediation } : {}) },
  }));
  const projects: FunctionResult[] = report.projects.map((project) => ({
    message: `${project.phase}: ${project.phaseReason}`,
    severity: 'info',
    ...located(projectResource(project)),
    tags: { tenant: project.tenantName, phase: project.phase, ...(project.recovery ? { recovery: project.recovery } : {}) },
  }));
  return [...findings, ...projects];
}

/** A resourceRef with the specification's field order and no empty namespace. */
function reference(ref: ResourceRef): NonNullable<FunctionResult['resourceRef']> {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
}

/** Kind (a model kind by its canonical name, so a later name matches), namespace and name. */
function identity(ref: { apiVersion: string; kind: string; metadata?: { namespace?: string; name?: string } } | ResourceRef): string {
  const meta = 'metadata' in ref && ref.metadata ? ref.metadata : (ref as ResourceRef);
  return `${canonicalKind(ref.apiVersion, ref.kind) ?? ref.kind}\0${meta.namespace ?? ''}\0${meta.name ?? ''}`;
}
