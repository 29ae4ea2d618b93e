/** The few lines on stderr that tell a user, before writing or applying, what a project's status will be. */
import type { ProjectStatus } from '../policy/types';

/** Explains a predicted project status: phase, each condition that is not True, and the reason with its fix. */
export function describePrediction(project: ProjectStatus, where: string): string[] {
  const id = `IoTProject ${project.namespace}/${project.name} (tenant ${project.tenantName})`;
  if (project.phase === 'Active') return [`${id} will be Active ${where}: its messaging tenant and IoT infrastructure exist.`];
  const lines = [`${id} will be ${project.phase} ${where}:`];
  for (const c of project.conditions.filter((c) => c.status !== 'True')) {
    lines.push(`  ${c.type}=${c.status} (${c.reason})`);
  }
  // The phaseReason already says whether the project recovers by itself (or what would decide an Unknown phase),
  // and ends with the fix.
  lines.push(`  ${project.phaseReason}`);
  return lines;
}
