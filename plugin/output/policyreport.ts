import { reportYaml } from './yaml';
import type { CheckReport, PolicyInfo, ResourceRef, Severity, SourceRef } from '../policy/types';
import { settledChecks } from '../policy/settled';

type ResultKind = 'pass' | 'fail' | 'warn' | 'error' | 'skip';
type ReportApi = 'wgpolicyk8s' | 'openreports';

interface PolicyReportOptions {
  policies: PolicyInfo[];
  policyReportApi?: ReportApi;
  now?: Date;
}

/** The two report APIs share their result schema; openreports also names the source at the top. */
const APIS: Record<ReportApi, { apiVersion: string; namespaced: string; cluster: string; topSource: boolean }> = {
  wgpolicyk8s: {
    apiVersion: 'wgpolicyk8s.io/v1alpha2', namespaced: 'PolicyReport', cluster: 'ClusterPolicyReport', topSource: false,
  },
  openreports: {
    apiVersion: 'openreports.io/v1alpha1', namespaced: 'Report', cluster: 'ClusterReport', topSource: true,
  },
};
const SOURCE = 'kubectl-iot';
const REPORT_NAME = 'kubectl-iot';
const CATEGORY = 'EnMasse IoT';
const SEVERITY: Record<Severity, string> = { error: 'high', warning: 'medium' };

interface ReportResult {
  source: string;
  policy: string;
  rule: string;
  category: string;
  severity: string;
  timestamp: { seconds: number; nanos: number };
  result: ResultKind;
  // A warning is a finding the policy does not score (the API's definition of `warn`).
  scored: boolean;
  resources: ResourceRef[];
  message: string;
  // map[string]string in the CRD: every value is a string.
  properties: Record<string, string>;
}

/** The CRD's ObjectReference: only the keys that are set, in Kubernetes' order. */
function objectReference({ apiVersion, kind, namespace, name }: ResourceRef): ResourceRef {
  return { apiVersion, kind, ...(namespace ? { namespace } : {}), name };
}

function locationProperties(source: Partial<SourceRef>): Record<string, string> {
  return {
    ...(source.file !== undefined ? { file: source.file } : {}),
    ...(source.line ? { line: String(source.line) } : {}),
  };
}

type ResultFields = Omit<ReportResult, 'source' | 'rule' | 'category' | 'timestamp'>;

/** A result with its keys in the CRD's order and its own timestamp object (no YAML aliases between results). */
function result(fields: ResultFields, millis: number): ReportResult {
  const timestamp = { seconds: Math.floor(millis / 1000), nanos: (((millis % 1000) + 1000) % 1000) * 1_000_000 };
  const { policy, severity, result: outcome, scored, resources, message, properties } = fields;
  return {
    source: SOURCE, policy, rule: policy, category: CATEGORY, severity, timestamp,
    result: outcome, scored, resources, message, properties,
  };
}

/** Every result, findings first, then the checks the projects' conditions settle. */
function results(report: CheckReport, options: PolicyReportOptions): ReportResult[] {
  const millis = (options.now ?? new Date()).getTime();
  const findings = report.results.map((f) => result({
    policy: f.policy, severity: SEVERITY[f.severity],
    result: f.severity === 'error' ? 'fail' : 'warn', scored: f.severity === 'error',
    resources: [objectReference(f.resource)], message: f.message,
    properties: { ...locationProperties(f), remediation: f.remediation },
  }, millis));
  const settled = settledChecks(report, options.policies).map((c) => result({
    policy: c.policy.id, severity: SEVERITY[c.policy.severity], result: c.outcome, scored: true,
    resources: [c.resource],
    message: `${c.condition.type} is ${c.condition.status} (${c.condition.reason}): ${c.condition.message}`,
    properties: { ...locationProperties(c.project.source ?? {}), condition: c.condition.type },
  }, millis));
  return [...findings, ...settled];
}

function summary(list: ReportResult[]): Record<ResultKind, number> {
  const count = (kind: ResultKind): number => list.filter((r) => r.result === kind).length;
  return { pass: count('pass'), fail: count('fail'), warn: count('warn'), error: count('error'), skip: count('skip') };
}

/**
 * `check -o policyreport`: a multi-document YAML stream, `kubectl apply -f -` ready. A ClusterPolicyReport
 * (always, possibly empty) holds the results of resources without a namespace; each namespace with results
 * gets a PolicyReport, the convention policy engines follow, so namespace RBAC governs who reads them.
 */
export function renderPolicyReport(report: CheckReport, options: PolicyReportOptions): string {
  return [...policyReportChunks(report, options)].join('');
}

/** renderPolicyReport's text a document at a time (100,000 projects are about 140 MB of it). */
export function* policyReportChunks(report: CheckReport, options: PolicyReportOptions): Generator<string> {
  const api = APIS[options.policyReportApi ?? 'wgpolicyk8s'];
  const byNamespace = new Map<string, ReportResult[]>([['', []]]);
  for (const result of results(report, options)) {
    const namespace = result.resources[0].namespace ?? '';
    const list = byNamespace.get(namespace);
    if (list) list.push(result);
    else byNamespace.set(namespace, [result]);
  }
  for (const namespace of [...byNamespace.keys()].sort()) {
    const list = byNamespace.get(namespace)!;
    const metadata = {
      name: REPORT_NAME,
      ...(namespace ? { namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': SOURCE },
    };
    const document = {
      apiVersion: api.apiVersion,
      kind: namespace ? api.namespaced : api.cluster,
      metadata,
      ...(api.topSource ? { source: SOURCE } : {}),
      summary: summary(list),
      results: list,
    };
    yield `---\n${reportYaml(document)}`;
  }
}
