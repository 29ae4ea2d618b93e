import type { CheckReport, Finding, ProjectStatus } from '../policy/types';
import { palette, type Palette } from './color';
import { findingText, plural } from './resources';
import { escapeControls } from './sanitize';

const NO_FILE = '(no file)';

interface TextOptions {
  color: boolean;
}

/** Untrusted text made safe for a terminal, continuation lines indented under the first. */
function safe(text: string, indent = '    '): string {
  return escapeControls(text, '\n').replace(/\n/g, `\n${indent}`);
}

function severity(finding: Finding, paint: Palette): string {
  const padded = finding.severity.padEnd('warning'.length);
  return finding.severity === 'error' ? paint.red(padded) : paint.yellow(padded);
}

function findingLines(finding: Finding, path: string | undefined, paint: Palette): string[] {
  const location = path === undefined ? '' : `${path}${finding.line ? `:${finding.line}` : ''}  `;
  // A finding the baseline already had is shown, but says it does not fail the check.
  const known = finding.baseline === 'unchanged' ? `${paint.bold('known')}  ` : '';
  const head = `${severity(finding, paint)}  ${known}${safe(location)}${safe(finding.policy)}  `;
  return [
    `  ${head}${safe(findingText(finding))}`,
    `    fix: ${safe(finding.remediation, '         ')}`,
  ];
}

/** Findings grouped by file in report order; findings without a file come last. */
function findingSection(results: Finding[], paint: Palette): string[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of results) {
    const key = finding.file ?? NO_FILE;
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const keys = [...groups.keys()].sort((a, b) => Number(a === NO_FILE) - Number(b === NO_FILE));
  return keys.flatMap((key) => [
    paint.bold(safe(key)),
    ...groups.get(key)!.flatMap((f) => findingLines(f, key === NO_FILE ? undefined : key, paint)),
    '',
  ]);
}

function projectSection(projects: ProjectStatus[], paint: Palette): string[] {
  if (projects.length === 0) return [paint.bold('Projects'), '  none', ''];
  const names = projects.map((p) => safe(`${p.namespace}/${p.name}`));
  const tenants = projects.map((p) => safe(p.tenantName));
  // Widths by a loop, not Math.max(...lengths): a million arguments overflow the stack.
  const widest = (texts: string[], header: string) => texts.reduce((width, text) => Math.max(width, text.length), header.length);
  const nameWidth = widest(names, 'PROJECT');
  const tenantWidth = widest(tenants, 'TENANT');
  // Padding happens before colouring: escape codes have no width on screen.
  const row = (name: string, tenant: string, phase: string): string =>
    `  ${name.padEnd(nameWidth)}  ${tenant.padEnd(tenantWidth)}  ${phase}`;
  const lines = [paint.bold('Projects'), row('PROJECT', 'TENANT', 'PHASE')];
  projects.forEach((project, i) => {
    const failed = project.phase === 'Failed';
    const phase = failed ? paint.red(project.phase) : project.phase === 'Active' ? paint.green(project.phase)
      : paint.yellow(safe(project.phase));
    lines.push(row(names[i], tenants[i], phase));
    if (project.phase === 'Active') return;
    lines.push(`    reason:   ${safe(project.phaseReason, '              ')}`);
    // The phaseReason says what recovery means; the line gives the word and the pack's re-create command.
    if (project.recovery) lines.push(`    recovery: ${project.recovery}${project.recreate ? ` (${safe(project.recreate)})` : ''}`);
  });
  return [...lines, ''];
}

/**
 * The one-line verdict: `2 projects (1 Active, 1 Failed), 1 error, 0 warnings in 12 resources` (and `, N Unknown`
 * when labels the files do not hold decide a project; `; 1 known (in the baseline), 0 new` with --baseline).
 */
export function summaryLine(report: CheckReport): string {
  const active = report.projects.filter((p) => p.phase === 'Active').length;
  const failed = report.projects.filter((p) => p.phase === 'Failed').length;
  const unknown = report.projects.length - active - failed;
  const { projects, errors, warnings, resources } = report.summary;
  return `${plural(projects, 'project')} (${active} Active, ${failed} Failed${unknown > 0 ? `, ${unknown} Unknown` : ''}), ` +
    `${plural(errors, 'error')}, `
    + `${plural(warnings, 'warning')} in ${plural(resources, 'resource')}${baselineNote(report)}`;
}

/** With --baseline: how many findings the baseline already had (they do not fail the check). */
function baselineNote(report: CheckReport): string {
  if (!report.results.some((f) => f.baseline)) return '';
  const known = report.results.filter((f) => f.baseline === 'unchanged').length;
  return `; ${known} known (in the baseline), ${report.results.length - known} new`;
}

/** `check -o text`: findings by file with their fixes, the projects' phases, and a summary line. */
export function renderText(report: CheckReport, options: TextOptions): string {
  const paint = palette(options.color);
  const findings = report.results.length === 0
    ? ['No findings.', '']
    : findingSection(report.results, paint);
  return [...findings, ...projectSection(report.projects, paint), summaryLine(report)].join('\n') + '\n';
}
