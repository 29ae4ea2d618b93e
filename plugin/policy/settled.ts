/**
 * Deciding the checks that findings do not show: which policy passed for which project and which could not be
 * decided. Pure, so printers that count tests or passes (JUnit, PolicyReport) only print what this decides.
 */
import { API_VERSION } from '../model/kinds';
import type { Condition, CheckReport, PolicyInfo, ProjectStatus, ResourceRef } from './types';

/** A policy outcome that produced no finding: the policy passed, or it could not be decided. */
export interface SettledCheck {
  policy: PolicyInfo;
  project: ProjectStatus;
  resource: ResourceRef;
  condition: Condition;
  outcome: 'pass' | 'skip';
}

/** The IoTProject a project status describes, as a resource reference. */
export function projectResource(project: ProjectStatus): ResourceRef {
  return { apiVersion: API_VERSION.IoTProject, kind: 'IoTProject', namespace: project.namespace, name: project.name };
}

/**
 * A condition's outcome when no finding reports it: True passes; anything else (`Unknown`: the controller had
 * nothing to follow) is skipped, since a failure would have produced a finding.
 */
export function checkOutcome(condition: Pick<Condition, 'status'>): 'pass' | 'skip' {
  return condition.status === 'True' ? 'pass' : 'skip';
}

/**
 * The checks that findings do not show, derived from the projects' conditions: a policy that maps to a
 * condition is settled for every project where that condition is present and no finding reports it, with
 * the outcome `checkOutcome` decides. Formats that count tests or passes need these so their totals mean something.
 */
export function settledChecks(report: CheckReport, policies: PolicyInfo[]): SettledCheck[] {
  const reported = new Set(report.results.map((f) => `${f.policy}\n${f.resource.namespace ?? ''}\n${f.resource.name}`));
  const checks: SettledCheck[] = [];
  for (const project of report.projects) {
    for (const policy of policies) {
      const condition = project.conditions.find((c) => c.type === policy.condition);
      if (!condition || reported.has(`${policy.id}\n${project.namespace}\n${project.name}`)) continue;
      checks.push({ policy, project, resource: projectResource(project), condition, outcome: checkOutcome(condition) });
    }
  }
  return checks;
}
