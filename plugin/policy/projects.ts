/** Which findings concern which project: the project, its tenant and the infrastructure its chain reaches. Pure. */
import { canonicalKind, type KubeObject } from '../model/kinds';
import { projectResource } from './settled';
import type { CheckReport, Finding, ProjectStatus, ResourceRef } from './types';

/** One project as `status` shows it. */
export interface LiveProject {
  /** What the policy pack computes from the cluster's state now (the `check -o json` project). */
  predicted: ProjectStatus;
  /** The object's `.status` as the controller wrote it; `{}` when it wrote none. */
  live: Record<string, unknown>;
  /** Findings about the project or an object of its chain. */
  problems: Finding[];
}

/** Joins each predicted project with its object's live status and the findings about its chain. */
export function liveProjects(report: CheckReport, objects: KubeObject[]): LiveProject[] {
  return report.projects.map((predicted) => {
    const object = objects.find((o) => canonicalKind(o.apiVersion, o.kind) === 'IoTProject' &&
      o.metadata.namespace === predicted.namespace && o.metadata.name === predicted.name);
    return { predicted, live: object?.status ?? {}, problems: report.results.filter((f) => concerns(f, predicted)) };
  });
}

/** Whether a finding is about the project or an object of its chain (aliases count as their canonical kind). */
export function concerns(finding: Finding, project: ProjectStatus): boolean {
  const related: (ResourceRef | undefined)[] = [
    projectResource(project),
    project.chain?.tenant, project.chain?.messagingInfrastructure, project.chain?.iotInfrastructure,
  ];
  const r = finding.resource;
  return related.some((ref) => ref !== undefined && canonical(ref) === canonical(r));
}

function canonical(ref: ResourceRef): string {
  const kind = canonicalKind(ref.apiVersion, ref.kind) ?? ref.kind;
  return `${kind}/${ref.namespace ?? ''}/${ref.name}`;
}
