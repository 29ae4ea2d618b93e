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

/** A row of the projects table: its cells made safe, and what the lines under it say. */
interface Row {
  name: string;
  tenant: string;
  phase: string;
  reason: string;
  recovery?: string;
  recreate?: string;
}

function rowOf(project: ProjectStatus): Row {
  return { name: safe(`${project.namespace}/${project.name}`), tenant: safe(project.tenantName), phase: project.phase,
    reason: project.phaseReason, recovery: project.recovery, recreate: project.recreate };
}

/** Padding happens before colouring: escape codes have no width on screen. */
function tableLine(name: string, tenant: string, phase: string, widths: [number, number]): string {
  return `  ${name.padEnd(widths[0])}  ${tenant.padEnd(widths[1])}  ${phase}`;
}

function rowLines(row: Row, widths: [number, number], paint: Palette): string[] {
  const phase = row.phase === 'Failed' ? paint.red(row.phase) : row.phase === 'Active' ? paint.green(row.phase)
    : paint.yellow(safe(row.phase));
  const lines = [tableLine(row.name, row.tenant, phase, widths)];
  if (row.phase === 'Active') return lines;
  lines.push(`    reason:   ${safe(row.reason, '              ')}`);
  // The phaseReason says what recovery means; the line gives the word and the pack's re-create command.
  if (row.recovery) lines.push(`    recovery: ${row.recovery}${row.recreate ? ` (${safe(row.recreate)})` : ''}`);
  return lines;
}

const PROJECTS_HEADER = ['PROJECT', 'TENANT', 'PHASE'] as const;

function projectSection(projects: ProjectStatus[], paint: Palette): string[] {
  if (projects.length === 0) return [paint.bold('Projects'), '  none', ''];
  const rows = projects.map(rowOf);
  // Widths by a loop, not Math.max(...lengths): a million arguments overflow the stack.
  const widths: [number, number] = [widest(rows.map((r) => r.name), 'PROJECT'), widest(rows.map((r) => r.tenant), 'TENANT')];
  return [paint.bold('Projects'), tableLine(...PROJECTS_HEADER, widths), ...rows.flatMap((row) => rowLines(row, widths, paint)), ''];
}

const widest = (texts: string[], header: string): number =>
  texts.reduce((width, text) => Math.max(width, text.length), header.length);

/**
 * A batch's projects as records of the table for streamedText, one JSON array a line, with what the whole table
 * needs of them: [name width, tenant width, Active count, Failed count] (check -o text on a large tree).
 */
export function projectRecords(projects: ProjectStatus[]): { text: string; facts: number[] } {
  const rows = projects.map(rowOf);
  const text = rows.map((r) => JSON.stringify([r.name, r.tenant, r.phase, r.reason, r.recovery ?? '', r.recreate ?? ''])).join('\n');
  return { text, facts: [widest(rows.map((r) => r.name), ''), widest(rows.map((r) => r.tenant), ''),
    rows.filter((r) => r.phase === 'Active').length, rows.filter((r) => r.phase === 'Failed').length] };
}

/** What records of several batches need together: the widest cells and the counts summed. */
export function combineRecordFacts(a: number[], b: number[]): number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), a[2] + b[2], a[3] + b[3]];
}

/**
 * renderText's text, for a report whose projects went out batch by batch as records (projectRecords) kept in
 * `records` (pieces of their lines, joined by "\n"), with `facts` their combined facts: the same bytes.
 */
export function* streamedText(summary: CheckReport['summary'], results: Finding[], records: Iterable<string>,
  facts: number[], options: TextOptions): Generator<string> {
  const paint = palette(options.color);
  const lines = (list: string[]) => list.map((line) => `${line}\n`).join('');
  yield lines(results.length === 0 ? ['No findings.', ''] : findingSection(results, paint));
  if (summary.projects === 0) yield lines([paint.bold('Projects'), '  none', '']);
  else {
    const widths: [number, number] = [Math.max('PROJECT'.length, facts[0]), Math.max('TENANT'.length, facts[1])];
    yield lines([paint.bold('Projects'), tableLine(...PROJECTS_HEADER, widths)]);
    for (const record of recordLines(records)) {
      const [name, tenant, phase, reason, recovery, recreate] = JSON.parse(record) as string[];
      yield lines(rowLines({ name, tenant, phase, reason, recovery: recovery || undefined, recreate: recreate || undefined }, widths, paint));
    }
    yield '\n';
  }
  const [active, failed] = summary.projects === 0 ? [0, 0] : [facts[2], facts[3]];
  yield `${summaryLineOf(summary, results, active, failed)}\n`;
}

/** The lines in pieces of text. */
function* recordLines(pieces: Iterable<string>): Generator<string> {
  let carry = '';
  for (const piece of pieces) {
    const parts = (carry + piece).split('\n');
    carry = parts.pop() ?? '';
    for (const part of parts) if (part !== '') yield part;
  }
  if (carry !== '') yield carry;
}

/**
 * The one-line verdict: `2 projects (1 Active, 1 Failed), 1 error, 0 warnings in 12 resources` (and `, N Unknown`
 * when labels the files do not hold decide a project; `; 1 known (in the baseline), 0 new` with --baseline).
 */
export function summaryLine(report: CheckReport): string {
  const active = report.projects.filter((p) => p.phase === 'Active').length;
  const failed = report.projects.filter((p) => p.phase === 'Failed').length;
  return summaryLineOf(report.summary, report.results, active, failed, report.projects.length);
}

function summaryLineOf(summary: CheckReport['summary'], results: Finding[], active: number, failed: number,
  listed = summary.projects): string {
  const unknown = listed - active - failed;
  const { projects, errors, warnings, resources } = summary;
  return `${plural(projects, 'project')} (${active} Active, ${failed} Failed${unknown > 0 ? `, ${unknown} Unknown` : ''}), ` +
    `${plural(errors, 'error')}, `
    + `${plural(warnings, 'warning')} in ${plural(resources, 'resource')}${baselineNote(results)}`;
}

/** With --baseline: how many findings the baseline already had (they do not fail the check). */
function baselineNote(results: Finding[]): string {
  if (!results.some((f) => f.baseline)) return '';
  const known = results.filter((f) => f.baseline === 'unchanged').length;
  return `; ${known} known (in the baseline), ${results.length - known} new`;
}

/** `check -o text`: findings by file with their fixes, the projects' phases, and a summary line. */
export function renderText(report: CheckReport, options: TextOptions): string {
  const paint = palette(options.color);
  const findings = report.results.length === 0
    ? ['No findings.', '']
    : findingSection(report.results, paint);
  return [...findings, ...projectSection(report.projects, paint), summaryLine(report)].join('\n') + '\n';
}
