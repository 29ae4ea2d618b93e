/**
 * `check --baseline FILE`: findings a previous `check -o json` already reported are known ("unchanged") and do
 * not fail the check. A finding is the same one when its policy, resource and message are: never its line, so
 * an unrelated edit above it does not make it new.
 */
import { readFileSync } from 'node:fs';
import { CliError, describeFsError, messageOf } from '../errors';
import type { CheckReport, Finding, ResourceRef } from './types';

/** What identifies a finding across runs (also the seed of GitLab Code Quality fingerprints). */
export type FindingIdentity = Pick<Finding, 'policy' | 'message'> & { resource: Pick<ResourceRef, 'kind' | 'namespace' | 'name'> };

/** The identity as one string; fields joined by a character no name or policy id holds. */
export function findingKey(finding: FindingIdentity): string {
  const { kind, namespace, name } = finding.resource;
  return [finding.policy, kind, namespace ?? '', name, finding.message].join('\u0000');
}

/**
 * The keys of the findings in order, the n-th repetition of a key made distinct (`KEY\u0000#n`), so that two
 * identical findings are two baseline entries and one fixed copy leaves the other matched.
 */
export function occurrenceKeys(findings: FindingIdentity[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = findingKey(finding);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? key : `${key}\u0000#${n}`;
  });
}

/** The report with each finding marked `unchanged` (its key is in the baseline) or `new`. */
export function markBaseline(report: CheckReport, baseline: FindingIdentity[]): CheckReport {
  const known = new Map<string, number>();
  for (const key of baseline.map(findingKey)) known.set(key, (known.get(key) ?? 0) + 1);
  const results = report.results.map((finding): Finding => {
    const key = findingKey(finding);
    const left = known.get(key) ?? 0;
    if (left > 0) known.set(key, left - 1);
    return { ...finding, baseline: left > 0 ? 'unchanged' : 'new' };
  });
  return { ...report, results };
}

/** Why `value` is not a finding of a `check -o json` report, or undefined when it is one. */
function notAFinding(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const { policy, message, resource } = value as Record<string, unknown>;
  if (typeof policy !== 'string') return 'has no "policy" string';
  if (typeof message !== 'string') return 'has no "message" string';
  if (typeof resource !== 'object' || resource === null) return 'has no "resource" object';
  const { kind, name, namespace } = resource as Record<string, unknown>;
  if (typeof kind !== 'string' || typeof name !== 'string') return 'has no "resource.kind" and "resource.name" strings';
  if (namespace !== undefined && typeof namespace !== 'string') return 'has a "resource.namespace" that is not a string';
  return undefined;
}

/** The findings of a `check -o json` report, or what is wrong with it. */
export function parseBaseline(text: string): FindingIdentity[] | string {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    // One line: JSON.parse quotes the text around the error, newlines and all.
    return `not JSON (${messageOf(error).replace(/\s+/g, ' ')})`;
  }
  const results = (report as { results?: unknown } | null)?.results;
  if (typeof report !== 'object' || report === null || !Array.isArray(results)) {
    return 'not a "kubectl iot check -o json" report (it has no "results" list)';
  }
  for (const [i, finding] of results.entries()) {
    const problem = notAFinding(finding);
    if (problem) return `results[${i}] ${problem}`;
  }
  return results as FindingIdentity[];
}

/** Reads `--baseline FILE`; any problem is one line and exit code 2. */
export function readBaseline(file: string): FindingIdentity[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`--baseline ${file}: ${describeFsError(error as NodeJS.ErrnoException)}; ` +
      'give a report written by "kubectl iot check -o json"');
  }
  const parsed = parseBaseline(text);
  if (typeof parsed === 'string') {
    throw new CliError(`--baseline ${file}: ${parsed}; give a report written by "kubectl iot check -o json"`);
  }
  return parsed;
}

/** Whether a finding counts toward the exit code: every finding without a baseline, only new ones with one. */
export function counts(finding: Finding): boolean {
  return finding.baseline !== 'unchanged';
}
