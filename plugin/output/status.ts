/**
 * `kubectl iot status`: each project's live status beside the status its preconditions give it now, the chain
 * project -> tenant -> messaging infrastructure -> IoT infrastructure, and each problem with its fix. Pure.
 */
import { runnableFix } from './fixes';
import { stringify } from 'yaml';
import type { ProjectStatus, ResourceRef } from '../policy/types';
import type { LiveProject } from '../policy/projects';
import { palette, type Palette } from './color';
import { canonicalReport } from './json';
import { resourceLabel } from './resources';
import { escapeControls } from './sanitize';

// Which findings a project shows is decided in policy/projects.ts; this module only prints it.
export type { LiveProject } from '../policy/projects';

export interface StatusTextOptions {
  color: boolean;
  /** For condition ages. */
  now: Date;
}

interface LiveCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** A project of `status -o json|yaml`. */
export type StatusProject = ProjectStatus & { live: Record<string, unknown> };

/** `-o json|yaml`: `{"projects": [...]}`, each a `check -o json` project plus `live`. */
export function statusDocument(projects: LiveProject[]): { projects: StatusProject[] } {
  const ordered = canonicalReport({
    summary: { resources: 0, projects: projects.length, errors: 0, warnings: 0 },
    projects: projects.map((p) => p.predicted),
    results: [],
  }).projects;
  return { projects: ordered.map((project, i) => ({ ...project, live: projects[i].live })) };
}

/** The document as `-o json`. */
export function renderStatusJson(projects: LiveProject[]): string {
  return `${JSON.stringify(statusDocument(projects), null, 2)}\n`;
}

/** The document as `-o yaml`. */
export function renderStatusYaml(projects: LiveProject[]): string {
  return stringify(statusDocument(projects), { lineWidth: 0, aliasDuplicateObjects: false });
}

/** `-o text`: one block per project, blank-line separated. */
export function renderStatusText(projects: LiveProject[], options: StatusTextOptions): string {
  const paint = palette(options.color);
  return projects.map((p) => projectBlock(p, paint, options.now).join('\n')).join('\n\n') + '\n';
}

function projectBlock(project: LiveProject, paint: Palette, now: Date): string[] {
  const { predicted, live } = project;
  const livePhase = text(live.phase);
  const reason = text(live.phaseReason) || text(live.message);
  const lines = [
    paint.bold(`IoT project ${safe(predicted.namespace)}/${safe(predicted.name)}`),
    field('Tenant name', safe(predicted.tenantName)),
    field('Phase', livePhase ? phaseWord(livePhase, paint) : paint.yellow('(no status reported yet)')),
  ];
  if (reason) lines.push(field('Reason', safe(reason)));
  lines.push(field('Re-checked now', `${phaseWord(predicted.phase, paint)}${verdict(project)}`));
  if (predicted.phase === 'Failed') lines.push(field('Why', safe(predicted.phaseReason)));
  // Why (the pack's phaseReason) says what the recovery means; this line gives the word and the pack's command.
  if (predicted.recovery) {
    lines.push(field('Recovery', `${predicted.recovery}${predicted.recreate ? ` (${safe(predicted.recreate)})` : ''}`));
  }
  lines.push('', paint.bold('Chain'), ...chainTree(predicted, paint));
  const conditions = Array.isArray(live.conditions) ? (live.conditions as LiveCondition[]) : [];
  lines.push('', paint.bold('Conditions (reported)'));
  lines.push(...(conditions.length === 0 ? ['  none'] : table(['TYPE', 'STATUS', 'REASON', 'AGE', 'MESSAGE'],
    conditions.map((c) => [text(c.type), text(c.status), text(c.reason), age(c.lastTransitionTime, now),
      text(c.message)]),
    paint)));
  lines.push('', paint.bold('Preconditions (re-checked now)'));
  const rechecked = predicted.conditions.map((c) => [c.type, c.status, c.reason]);
  lines.push(...table(['TYPE', 'STATUS', 'REASON'], rechecked, paint));
  if (project.problems.length > 0) {
    lines.push('', paint.bold('Problems'));
    for (const f of project.problems) {
      const level = f.severity === 'error' ? paint.red('error') : paint.yellow('warning');
      lines.push(`  ${level}  ${safe(f.policy)}  ${safe(resourceLabel(f.resource))}: ${safe(f.message)}`);
      // The project is live: its fixes act on the cluster (output/fixes.ts).
      lines.push(`    fix: ${safe(runnableFix(f.remediation, { apply: true }))}`);
    }
  }
  return lines;
}

/** What it means when the controller reported Failed but the preconditions hold now. */
function verdict(project: LiveProject): string {
  const { predicted, live } = project;
  if (predicted.phase === 'Failed' || text(live.phase) !== 'Failed') return '';
  const stuck = Array.isArray(live.conditions) && (live.conditions as LiveCondition[])
    .some((c) => c.type === 'HasMessagingInfrastructure' && c.status === 'False');
  return stuck ? ` (the cause is fixed, but the controller does not retry: ${recreate(predicted)})`
    : ' (the cause is fixed; the controller updates the project by itself)';
}

/** The pack's re-create command (it keeps the spec: trust anchors, adapters). */
function recreate(project: ProjectStatus): string {
  return project.recreate ? `re-create it: ${project.recreate}` : 're-create it';
}

function chainTree(project: ProjectStatus, paint: Palette): string[] {
  const chain = project.chain ?? {};
  // The first missing link says what is missing; what would hang below it cannot be known.
  const links: [ResourceRef | undefined, string][] = [
    [chain.tenant, `MessagingTenant ${safe(project.namespace)}/default ${paint.red('missing')}`],
    [chain.messagingInfrastructure, `MessagingInfrastructure ${paint.red('none serves this tenant')}`],
    [chain.iotInfrastructure, `IoTConfig ${paint.red('none bound to this messaging infrastructure')}`],
  ];
  const lines = [`  IoTProject ${safe(project.namespace)}/${safe(project.name)}`];
  for (const [depth, [ref, missing]] of links.entries()) {
    lines.push(`  ${'    '.repeat(depth)}└── ${ref ? safe(resourceLabel(ref)) : missing}`);
    if (!ref) break;
  }
  return lines;
}

function table(header: string[], rows: string[][], paint: Palette): string[] {
  const cells = rows.map((row) => row.map((cell) => safe(cell)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  // Pad before colouring: escape codes take no room on screen. The last column is not padded.
  const line = (row: string[], colour: boolean) => `  ${row.map((cell, i) => {
    const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i]);
    return colour && i === 1 ? statusColour(cell, padded, paint) : padded;
  }).join('  ')}`.trimEnd();
  return [line(header, false), ...cells.map((row) => line(row, true))];
}

function statusColour(value: string, padded: string, paint: Palette): string {
  if (value === 'True') return paint.green(padded);
  if (value === 'False') return paint.red(padded);
  return paint.yellow(padded);
}

function phaseWord(phase: string, paint: Palette): string {
  if (phase === 'Active') return paint.green(phase);
  if (phase === 'Failed') return paint.red(phase);
  return paint.yellow(safe(phase));
}

function field(label: string, value: string): string {
  return `${`${label}:`.padEnd(16)}${value}`;
}

/** kubectl's short ages: 45s, 3m20s, 2h, 5d. */
export function age(timestamp: string | undefined, now: Date): string {
  const at = timestamp ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(at)) return '-';
  const seconds = Math.max(0, Math.floor((now.getTime() - at) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  return days < 730 ? `${days}d` : `${Math.floor(days / 365)}y`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Cluster data is untrusted: no terminal escapes, one line. */
function safe(value: string): string {
  return escapeControls(value);
}
