/** The shape GitLab requires of a Code Quality report, for the format's tests and the GitLab job's. */
import * as assert from 'uvu/assert';
import type { CodeQualityIssue } from '../../plugin/output/codequality';

/** The fields GitLab requires of each Code Quality entry, with their types. */
export function assertCodeQualityShape(issues: unknown): void {
  assert.ok(Array.isArray(issues), 'a JSON array');
  for (const issue of issues as CodeQualityIssue[]) {
    assert.equal(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
    assert.type(issue.description, 'string');
    assert.type(issue.check_name, 'string');
    assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity), issue.severity);
    assert.type(issue.location.path, 'string');
    assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
  }
}
