/**
 * Fixes as people run them. A finding's remediation is the pack's command, the same in conftest and Gatekeeper, and
 * the JSON contract keeps it so (SPEC "Remediations are a contract": it runs with --gitops-dir set to the checked
 * tree, or --apply against the cluster). The formats people read and paste from (text, annotations, job
 * summaries, JUnit, Code Quality, SARIF messages) print it with that flag already there, so the line runs as
 * printed: `kubectl iot rename iotproject Bad_Name bad-name -n ns1` alone refuses to guess where to rename.
 */
import type { Finding } from '../policy/types';
import type { OutputFormat } from './formats';

/** The commands that need to be told where they act: a GitOps tree or the cluster. */
const WHERE = /^kubectl iot (?:create|rename|delete) /;

/** The formats whose fixes are read by people; the others (json, yaml, policyreport) keep the pack's words. */
const READ_BY_PEOPLE = new Set<OutputFormat>(['text', 'github', 'markdown', 'junit', 'codequality', 'sarif']);

/** Where the fixes of a report act: the checked tree (a path from the working directory) or the cluster. */
export type FixTarget = { gitopsDir: string } | { apply: true };

/** The flag that makes a fix act on `target`. */
export function targetFlag(target: FixTarget): string {
  return 'apply' in target ? '--apply' : `--gitops-dir ${shellWord(target.gitopsDir || '.')}`;
}

/** `remediation` with the flag for `target`, when it is a kubectl iot command that needs one and has none. */
export function runnableFix(remediation: string, target: FixTarget | undefined): string {
  if (target === undefined || !WHERE.test(remediation) || /\s--(?:gitops-dir|apply)(?:[\s=]|$)/.test(remediation)) return remediation;
  return `${remediation} ${targetFlag(target)}`;
}

/** The findings as `format` prints them: with runnable fixes where people read it. */
export function findingsFor(format: OutputFormat, results: Finding[], target: FixTarget | undefined): Finding[] {
  if (target === undefined || !READ_BY_PEOPLE.has(format)) return results;
  return results.map((finding) => {
    const remediation = runnableFix(finding.remediation, target);
    return remediation === finding.remediation ? finding : { ...finding, remediation };
  });
}

/** A path as one shell word: as is when it is plain, else in single quotes. */
function shellWord(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
