import type { CheckReport, Finding, PolicyInfo, Severity } from '../policy/types';
import { artifactPath } from './resources';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const DEFAULT_INFORMATION_URI = 'https://github.com/EnMasseProject/enmasse';
const TAGS = ['kubernetes', 'enmasse', 'iot'];

interface SarifOptions {
  policies: PolicyInfo[];
  toolVersion: string;
  root?: string;
  informationUri?: string;
}

// SARIF rule names are identifiers in PascalCase; the kebab-case policy id stays the rule id.
function ruleName(id: string): string {
  return id.split(/[^a-zA-Z0-9]+/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

function level(severity: Severity): 'error' | 'warning' {
  return severity === 'error' ? 'error' : 'warning';
}

function rule(policy: PolicyInfo): object {
  return {
    id: policy.id,
    name: ruleName(policy.id),
    shortDescription: { text: policy.title || policy.id },
    fullDescription: { text: policy.description || policy.title || policy.id },
    defaultConfiguration: { level: level(policy.severity) },
    help: { text: policy.remediation || policy.description || policy.id },
    properties: { tags: TAGS, ...(policy.condition ? { condition: policy.condition } : {}) },
  };
}

/** Rules for every policy of the pack, plus a bare one for any finding whose policy the pack does not describe. */
function rules(report: CheckReport, policies: PolicyInfo[]): PolicyInfo[] {
  const known = new Set(policies.map((p) => p.id));
  const unknown = [...new Set(report.results.map((f) => f.policy).filter((id) => !known.has(id)))].sort();
  const bare = unknown.map((id): PolicyInfo => {
    const severity = report.results.find((f) => f.policy === id)!.severity;
    return { id, title: id, description: id, severity, remediation: '' };
  });
  return [...policies, ...bare];
}

/** A relative URI reference for a path: each segment percent-encoded (spaces, `:`, `#`). */
function uriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function location(finding: Finding, root?: string): object {
  const { namespace, kind, name } = finding.resource;
  const logicalLocations = [{
    name,
    fullyQualifiedName: [namespace, kind, name].filter((part) => part !== undefined).join('/'),
    kind: 'resource',
  }];
  if (finding.file === undefined) return { logicalLocations };
  const artifactLocation = { uri: uriReference(artifactPath(finding.file, root)) };
  const region = finding.line ? { region: { startLine: finding.line } } : {};
  return { physicalLocation: { artifactLocation, ...region }, logicalLocations };
}

/** `check -o sarif`: a SARIF 2.1.0 log with one run, a rule per policy and a result per finding. */
export function renderSarif(report: CheckReport, options: SarifOptions): string {
  const allRules = rules(report, options.policies);
  const index = new Map(allRules.map((policy, i) => [policy.id, i]));
  const results = report.results.map((finding) => ({
    ruleId: finding.policy,
    ruleIndex: index.get(finding.policy)!,
    level: level(finding.severity),
    message: { text: finding.remediation ? `${finding.message}\nfix: ${finding.remediation}` : finding.message },
    locations: [location(finding, options.root)],
    properties: { resource: finding.resource },
    // With --baseline, code scanning reads which results the baseline already had.
    ...(finding.baseline ? { baselineState: finding.baseline } : {}),
  }));
  // The checked path is only informational: findings' files are already relative to it.
  const properties = options.root ? { properties: { checkedPath: options.root } } : {};
  const driver = {
    name: 'kubectl-iot',
    version: options.toolVersion,
    informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
    rules: allRules.map(rule),
  };
  const log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [{ tool: { driver }, results, ...properties }] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
