import type { Condition, CheckReport, PolicyInfo, ProjectStatus, ResourceRef } from '../policy/types';
import { projectResource } from './resources';

/** A policy outcome that produced no finding: the policy passed, or it could not be decided. */
export interface SettledCheck {
  policy: PolicyInfo;
  project: ProjectStatus;
  resource: ResourceRef;
  condition: Condition;
  outcome: 'pass' | 'skip';
}

/**
 * The checks that findings do not show, derived from the projects' conditions: a policy that maps to a
 * condition passes for every project where that condition is True, and is skipped where the condition is
 * not True and no finding reports it (`Unknown`: the controller had nothing to follow). Formats that count
 * tests or passes (JUnit, PolicyReport) need these so their totals mean something.
 */
export function settledChecks(report: CheckReport, policies: PolicyInfo[]): SettledCheck[] {
  const reported = new Set(report.results.map((f) => `${f.policy}\n${f.resource.namespace ?? ''}\n${f.resource.name}`));
  const checks: SettledCheck[] = [];
  for (const project of report.projects) {
    for (const policy of policies) {
      const condition = project.conditions.find((c) => c.type === policy.condition);
      if (!condition || reported.has(`${policy.id}\n${project.namespace}\n${project.name}`)) continue;
      const outcome = condition.status === 'True' ? 'pass' : 'skip';
      checks.push({ policy, project, resource: projectResource(project), condition, outcome });
    }
  }
  return checks;
}
