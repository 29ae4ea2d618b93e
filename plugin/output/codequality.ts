import { createHash } from 'node:crypto';
import { occurrenceKeys } from '../policy/baseline';
import type { CheckReport, Finding, Severity } from '../policy/types';
import { artifactPath, findingText } from './resources';

interface CodeQualityOptions {
  root?: string;
}

/**
 * GitLab's severities for the pack's: an error makes a project Failed (or breaks the infrastructure it needs),
 * which is `critical`; a warning is something the controller ignores or a secret in Git, `minor`.
 */
export const CODE_QUALITY_SEVERITY: Record<Severity, 'critical' | 'minor'> = { error: 'critical', warning: 'minor' };

/** One entry of GitLab's Code Quality report (the subset of the Code Climate issue GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

function issue(finding: Finding, key: string, root?: string): CodeQualityIssue {
  // A finding without a file (stdin, the cluster) is pinned to the checked folder, GitLab needs some path.
  const path = finding.file === undefined ? (root || '.') : artifactPath(finding.file, root);
  return {
    description: `${findingText(finding)} (fix: ${finding.remediation})`,
    check_name: finding.policy,
    // GitLab compares fingerprints between the merge request and its target: the same identity as --baseline's
    // (policy, resource, message; never the line), so an edit elsewhere in the file does not make it new.
    fingerprint: createHash('sha256').update(key).digest('hex'),
    severity: CODE_QUALITY_SEVERITY[finding.severity],
    location: { path, lines: { begin: finding.line ?? 1 } },
  };
}

/** `check -o codequality`: GitLab Code Quality JSON, one issue per finding. */
export function renderCodeQuality(report: CheckReport, options: CodeQualityOptions): string {
  const keys = occurrenceKeys(report.results);
  return `${JSON.stringify(report.results.map((finding, i) => issue(finding, keys[i], options.root)), null, 2)}\n`;
}
