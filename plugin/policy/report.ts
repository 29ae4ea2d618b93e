/** Turns the policy pack's raw answer into the `check` report: sources attached, sorted, counted. */
import type { LocatedObject } from './types';
import type { CheckReport, Finding, ProjectStatus } from './types';
import { counts } from './baseline';

/** What the wasm entrypoint returns: like the report, but pointing at inputs by index instead of file. */
export interface RawReport {
  projects: (Omit<ProjectStatus, 'source'> & { index: number })[];
  findings: (Omit<Finding, 'file' | 'line'> & { index: number })[];
}

/** Builds the report for `inventory` from the raw results of evaluating it. */
export function buildReport(raw: RawReport, inventory: readonly Pick<LocatedObject, 'source'>[]): CheckReport {
  const sourceOf = (index: number) => inventory[index]?.source;
  const projects: ProjectStatus[] = raw.projects.map(({ index, ...project }) => {
    const source = sourceOf(index);
    return source ? { ...project, source: { ...source } } : project;
  });
  projects.sort(compareProjects);
  const results: Finding[] = raw.findings.map(({ index, ...finding }) => {
    const source = sourceOf(index);
    return source ? { ...finding, file: source.file, line: source.line } : finding;
  });
  results.sort(compareFindings);
  return { summary: summarize(inventory.length, projects.length, results), projects, results };
}

/** The report's counts. */
export function summarize(resources: number, projects: number, results: Finding[]): CheckReport['summary'] {
  return {
    resources,
    projects,
    errors: results.filter((r) => r.severity === 'error').length,
    warnings: results.filter((r) => r.severity === 'warning').length,
  };
}

/**
 * Projects are sorted by namespace, name, file and line. The namespace comes first, so a report made batch by
 * batch in this order of namespaces (partition.ts) is already sorted.
 */
function compareProjects(a: ProjectStatus, b: ProjectStatus): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) ||
    (a.source?.file ?? '').localeCompare(b.source?.file ?? '') || (a.source?.line ?? 0) - (b.source?.line ?? 0);
}

/**
 * Results are sorted by file, line, policy (SPEC section 4), then resource and text: a total order, so the report
 * does not depend on the order the pack (or its batches) produced findings in.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') || (a.line ?? 0) - (b.line ?? 0) ||
    a.policy.localeCompare(b.policy) || resourceKey(a).localeCompare(resourceKey(b)) ||
    a.message.localeCompare(b.message) || a.remediation.localeCompare(b.remediation) || a.severity.localeCompare(b.severity);
}

function resourceKey(finding: Finding): string {
  const r = finding.resource;
  return `${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

/**
 * The exit code a report earns: 1 for errors (or warnings with failOn 'warning'), else 0. Findings a baseline
 * marks unchanged do not count.
 */
export function exitCodeFor(report: CheckReport, failOn: 'error' | 'warning'): 0 | 1 {
  const counted = report.results.filter(counts);
  if (counted.some((f) => f.severity === 'error')) return 1;
  if (failOn === 'warning' && counted.some((f) => f.severity === 'warning')) return 1;
  return 0;
}
