import type { CheckReport, Finding, PolicyInfo, ProjectStatus } from '../policy/types';
import { artifactPath, findingText, plural, policiesById, resourceLabel } from './resources';
import { escapeControls } from './sanitize';
import { summaryLine } from './text';

interface MarkdownOptions {
  policies: PolicyInfo[];
  root?: string;
}

/**
 * A pull-request comment holds at most 65,536 characters (a job summary 1 MiB): rows stop before the text
 * passes this, and a line says how many were left out.
 */
export const MARKDOWN_LIMIT = 60_000;

/**
 * Untrusted text (names, files, messages) as inert Markdown: each character that gives text a meaning inside a
 * table cell (emphasis, links, code, HTML tags and entities, the cell's pipe, GitHub math, #issue and @mention
 * references) becomes a numeric character reference, control characters a visible escape, and line breaks
 * `<br>`, so it stays one cell of plain text. Characters that only mean something at the start of a line
 * (headings, lists) stay as they are: a cell never starts one.
 */
export function escapeMarkdown(text: string): string {
  return escapeControls(text, '\n')
    .replace(/[\\`*_[\]<>|~&$#@]/g, (ch) => `&#${ch.charCodeAt(0)};`)
    .replace(/\r?\n/g, '<br>');
}

/** Text shown as code (file paths, commands): inside <code>, which keeps the escapes above working. */
function code(text: string): string {
  return text === '' ? '' : `<code>${escapeMarkdown(text)}</code>`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function findingRow(finding: Finding, byId: Map<string, PolicyInfo>, root?: string): string {
  const where = finding.file === undefined ? '' : `${artifactPath(finding.file, root)}${finding.line ? `:${finding.line}` : ''}`;
  const severity = finding.baseline === 'unchanged' ? `${finding.severity} (known)` : finding.severity;
  const condition = byId.get(finding.policy)?.condition;
  const check = `${escapeMarkdown(finding.policy)}${condition ? `<br>${escapeMarkdown(condition)}` : ''}`;
  return row([severity, escapeMarkdown(resourceLabel(finding.resource)), code(where), check,
    escapeMarkdown(findingText(finding)), code(finding.remediation)]);
}

function projectRow(project: ProjectStatus): string {
  const reason = project.phase === 'Active' ? '' : escapeMarkdown(project.phaseReason);
  const recovery = project.recovery ? `${project.recovery}${project.recreate ? `: ${code(project.recreate)}` : ''}` : '';
  return row([escapeMarkdown(`${project.namespace}/${project.name}`), escapeMarkdown(project.tenantName),
    escapeMarkdown(project.phase), reason, recovery]);
}

/** Rows appended while they fit in `budget` characters; a last line counts the rest. */
function fitted(rows: string[], budget: number, noun: string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const line of rows) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  const left = rows.length - kept.length;
  const more = plural(left, noun).replace(' ', ' more ');
  return left === 0 ? kept : [...kept, '', `…and ${more}, left out to fit a comment (see the full report).`];
}

/** The counts that open the summary: severities, and with --baseline how many are new. */
function countsLine(report: CheckReport): string {
  const errors = report.results.filter((f) => f.severity === 'error').length;
  const warnings = report.results.length - errors;
  const baseline = report.results.some((f) => f.baseline)
    ? ` (${report.results.filter((f) => f.baseline === 'new').length} new, ` +
      `${report.results.filter((f) => f.baseline === 'unchanged').length} known from the baseline)`
    : '';
  return `**${plural(errors, 'error')}**, **${plural(warnings, 'warning')}**${baseline}`;
}

/**
 * `check -o markdown`: a job summary or pull-request comment. Counts per severity, a table of findings (resource,
 * file:line, policy and condition, reason, fix command), and the projects' predicted statuses.
 */
export function renderMarkdown(report: CheckReport, options: MarkdownOptions): string {
  const byId = policiesById(options.policies);
  const head = ['## kubectl iot check', '', countsLine(report), '', escapeMarkdown(summaryLine(report)), ''];
  const findings = report.results.length === 0 ? ['No findings.'] : [
    row(['Severity', 'Resource', 'File', 'Policy / condition', 'Reason', 'Fix']),
    row(['---', '---', '---', '---', '---', '---']),
    ...report.results.map((finding) => findingRow(finding, byId, options.root)),
  ];
  const projects = report.projects.length === 0 ? ['No IoT projects.'] : [
    row(['Project', 'Tenant', 'Phase', 'Reason', 'Recovery']),
    row(['---', '---', '---', '---', '---']),
    ...report.projects.map(projectRow),
  ];
  // Findings first: they are what a reviewer acts on; projects get what room is left.
  const findingLines = fitted(findings, MARKDOWN_LIMIT * 0.75, 'finding');
  const used = [...head, ...findingLines].join('\n').length;
  const projectLines = fitted(projects, MARKDOWN_LIMIT - used, 'project');
  return [...head, '### Findings', '', ...findingLines, '', '### Projects', '', ...projectLines, ''].join('\n');
}
