import type { CheckReport, Condition, Finding, ProjectChain, ProjectStatus, ResourceRef, SourceRef } from '../policy/types';

// Key orders of the `check -o json` contract (SPEC section 4); keys not listed keep their place after these.
const REPORT_KEYS = ['summary', 'projects', 'results'];
const SUMMARY_KEYS = ['resources', 'projects', 'errors', 'warnings'];
const PROJECT_KEYS = ['namespace', 'name', 'tenantName', 'phase', 'phaseReason', 'recovery', 'recreate', 'conditions',
  'addresses', 'adapterAddresses', 'chain', 'source'];
const CONDITION_KEYS = ['type', 'status', 'reason', 'message'];
const FINDING_KEYS = ['policy', 'severity', 'message', 'resource', 'file', 'line', 'remediation', 'baseline'];
const RESOURCE_KEYS = ['apiVersion', 'kind', 'namespace', 'name'];
const SOURCE_KEYS = ['file', 'line'];

const ranks = new Map<string[], Map<string, number>>();

/** A copy of `value` whose keys come in `order` first; undefined values are dropped, as JSON would. */
function ordered<T extends object>(value: T, order: string[]): T {
  let rank = ranks.get(order);
  if (!rank) ranks.set(order, (rank = new Map(order.map((key, i) => [key, i]))));
  const result: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of order) if (source[key] !== undefined) result[key] = source[key];
  for (const key of Object.keys(source)) if (!rank.has(key) && source[key] !== undefined) result[key] = source[key];
  return result as T;
}

function orderedResource(ref: ResourceRef): ResourceRef {
  return ordered(ref, RESOURCE_KEYS);
}

/**
 * Ordered copies of what projects share (policy/compact.ts gives the projects of a namespace one conditions list and
 * one chain), made once for all of them.
 */
const orderedShared = new WeakMap<object, unknown>();

function shared<T extends object>(value: T, order: (value: T) => T): T {
  let copy = orderedShared.get(value) as T | undefined;
  if (copy === undefined) orderedShared.set(value, (copy = order(value)));
  return copy;
}

const orderedConditions = (conditions: Condition[]) => conditions.map((c) => ordered(c, CONDITION_KEYS));

const orderedChain = (chain: ProjectChain) => Object.fromEntries(
  Object.entries(chain).map(([link, ref]) => [link, ref && orderedResource(ref)]),
) as ProjectChain;

/** A project with its keys in the contract's order (what `-o json` and `-o yaml` write). */
export function orderedProject(project: ProjectStatus): ProjectStatus {
  return ordered({
    ...project,
    conditions: shared(project.conditions, orderedConditions),
    chain: project.chain && shared(project.chain, orderedChain),
    source: project.source && ordered<SourceRef>(project.source, SOURCE_KEYS),
  }, PROJECT_KEYS);
}

/** A finding with its keys in the contract's order. */
export function orderedFinding(finding: Finding): Finding {
  return ordered({ ...finding, resource: orderedResource(finding.resource) }, FINDING_KEYS);
}

/** The report with its keys in the order SPEC documents, so JSON and YAML read like the contract. */
export function canonicalReport(report: CheckReport): CheckReport {
  return ordered({
    ...report,
    summary: ordered(report.summary, SUMMARY_KEYS),
    projects: report.projects.map(orderedProject),
    results: report.results.map(orderedFinding),
  }, REPORT_KEYS);
}

/** `check -o json`: the CheckReport itself, 2-space indented, newline-terminated. */
export function renderJson(report: CheckReport): string {
  return [...jsonChunks(report)].join('');
}

/**
 * The text of renderJson in pieces of about `size` characters, one project or result at a time, so that a
 * report of 100,000 projects never exists as one string (its text is about 2 KB a project).
 */
export function* jsonChunks(report: CheckReport, size = 1 << 16): Generator<string> {
  yield summaryChunk(report.summary);
  yield* framed('projects', report.projects.length, joined(itemChunks(report.projects, orderedProject, size)));
  yield ',\n';
  yield* framed('results', report.results.length, joined(itemChunks(report.results, orderedFinding, size)));
  yield '\n}\n';
}

/**
 * The same text, for a report whose projects were rendered batch by batch (projectsText, the batches' texts
 * joined by ",\n") and kept aside, so that a report of a million projects is never held whole: what jsonChunks
 * gives for `{summary, projects, results}` with those projects. `projects` yields that text in pieces.
 */
export function* streamedJsonChunks(summary: CheckReport['summary'], projects: Iterable<string>,
  results: Finding[], size = 1 << 16): Generator<string> {
  yield summaryChunk(summary);
  yield* framed('projects', summary.projects, projects);
  yield ',\n';
  yield* framed('results', results.length, joined(itemChunks(results, orderedFinding, size)));
  yield '\n}\n';
}

/** Projects as they stand in the report's list: each indented as there, joined by ",\n", without the brackets. */
export function projectsText(projects: ProjectStatus[]): string {
  // One run: a batch's text is wanted whole, and joining runs would copy it once more.
  return [...itemChunks(projects, orderedProject, Infinity)].join(',\n');
}

/** The summary with its keys in the contract's order. */
export function orderedSummary(summary: CheckReport['summary']): CheckReport['summary'] {
  return ordered(summary, SUMMARY_KEYS);
}

function summaryChunk(summary: CheckReport['summary']): string {
  return `{\n  "summary": ${JSON.stringify(orderedSummary(summary), null, 2).replace(/\n/g, '\n  ')},\n`;
}

/** A list of the report (`count` items, whose text comes in `pieces`) between its key and brackets. */
function* framed(key: string, count: number, pieces: Iterable<string>): Generator<string> {
  if (count === 0) {
    yield `  "${key}": []`;
    return;
  }
  yield `  "${key}": [\n`;
  yield* pieces;
  yield '\n  ]';
}

/** Texts of runs of items, with the ",\n" that separates items between them. */
function* joined(runs: Iterable<string>): Generator<string> {
  let first = true;
  for (const run of runs) {
    yield first ? run : `,\n${run}`;
    first = false;
  }
}

/**
 * Items in runs of about `size` characters, each run's text as the whole report indents it: JSON.stringify of
 * {list: run} gives that indentation, and its frame is cut off. Runs are to be joined by ",\n".
 */
function* itemChunks<T>(items: T[], order: (item: T) => unknown, size: number): Generator<string> {
  const open = '{\n  "list": [\n';
  const close = '\n  ]\n}';
  let run = 0;
  for (let start = 0; start < items.length; start += run) {
    run = Math.max(1, Math.min(items.length - start, Math.round(size / 2048)));
    const text = JSON.stringify({ list: items.slice(start, start + run).map(order) }, null, 2);
    yield text.slice(open.length, text.length - close.length);
  }
}
