import type { CheckReport, Finding, PolicyInfo } from '../policy/types';
import { artifactPath, findingText, policiesById } from './resources';

interface GithubOptions {
  policies: PolicyInfo[];
  root?: string;
}

/** A workflow command's message: `%`, CR and LF are percent-encoded so data cannot start a new command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`, which would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(finding: Finding, title: string, root?: string): string {
  const properties: string[] = [];
  if (finding.file !== undefined) properties.push(`file=${escapeProperty(artifactPath(finding.file, root))}`);
  if (finding.file !== undefined && finding.line) properties.push(`line=${finding.line}`);
  properties.push(`title=${escapeProperty(title)}`);
  const message = `${findingText(finding)}\nfix: ${finding.remediation}`;
  // A finding the baseline already had does not fail the check: a notice, not an error, on the pull request.
  const known = finding.baseline === 'unchanged';
  const head = known ? `known ${finding.severity} (in the baseline): ` : '';
  return `::${known ? 'notice' : finding.severity} ${properties.join(',')}::${escapeData(head + message)}`;
}

/**
 * `check -o github`: one `::error` or `::warning` workflow command per finding, annotating file and line
 * (`::notice` for one the baseline already had).
 */
export function renderGithub(report: CheckReport, options: GithubOptions): string {
  const byId = policiesById(options.policies);
  return report.results.map((finding) => {
    const title = byId.get(finding.policy)?.title;
    return `${command(finding, title ? `${title} (${finding.policy})` : finding.policy, options.root)}\n`;
  }).join('');
}
