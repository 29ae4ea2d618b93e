import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { renderPolicyReport } from '../../plugin/output/policyreport';
import type { CheckReport } from '../../plugin/policy/types';
import { NOW, copyReport, emptyReport, policies, report } from '../fixtures/report';

interface Result {
  source: string; policy: string; rule: string; severity: string; result: string; scored: boolean;
  timestamp: { seconds: number; nanos: number }; resources: Array<Record<string, string>>; message: string;
  properties: Record<string, unknown>;
}
interface Doc {
  apiVersion: string; kind: string; source?: string;
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  summary: Record<'pass' | 'fail' | 'warn' | 'error' | 'skip', number>;
  results: Result[];
}

function documents(source: CheckReport, api?: 'wgpolicyk8s' | 'openreports'): Doc[] {
  const stream = parseAllDocuments(renderPolicyReport(source, { policies, now: NOW, policyReportApi: api }));
  assert.ok(Array.isArray(stream));
  return (stream as Array<{ errors: unknown[]; toJS(): Doc }>).map((doc) => {
    assert.equal(doc.errors, []);
    return doc.toJS();
  });
}

const policyReport = suite('renderPolicyReport');

policyReport('emits a ClusterPolicyReport and one wgpolicyk8s.io/v1alpha2 PolicyReport per namespace', () => {
  const docs = documents(report);
  assert.equal(docs.map((d) => [d.apiVersion, d.kind, d.metadata.namespace]), [
    ['wgpolicyk8s.io/v1alpha2', 'ClusterPolicyReport', undefined],
    ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'enmasse-infra'],
    ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'ns1'],
    ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'ns2'],
    ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'ns3'],
  ]);
  for (const doc of docs) {
    assert.is(doc.metadata.name, 'kubectl-iot');
    assert.equal(doc.metadata.labels, { 'app.kubernetes.io/managed-by': 'kubectl-iot' });
  }
});

policyReport('puts results of resources without namespace into the cluster report', () => {
  // The pack reports on namespaced objects only: a cluster-scoped one is the report bent.
  const source = copyReport();
  source.results[0].resource.namespace = undefined;
  const [cluster, ...namespaced] = documents(source);
  assert.equal(cluster.results.map((r) => r.policy), ['iot-infrastructure-plaintext-password']);
  for (const result of cluster.results) assert.not.ok('namespace' in result.resources[0]);
  assert.ok(namespaced.every((d) => d.metadata.namespace !== 'enmasse-infra'), 'no report for a namespace left without results');
});

policyReport('counts each result kind in the summary', () => {
  const docs = documents(report);
  assert.equal(docs.map((d) => d.summary), [
    { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
    { pass: 0, fail: 0, warn: 1, error: 0, skip: 0 },
    { pass: 0, fail: 2, warn: 0, error: 0, skip: 1 },
    { pass: 2, fail: 0, warn: 0, error: 0, skip: 0 },
    { pass: 0, fail: 0, warn: 1, error: 0, skip: 0 },
  ]);
  for (const doc of docs) {
    for (const kind of ['pass', 'fail', 'warn', 'error', 'skip'] as const) {
      assert.is(doc.summary[kind], doc.results.filter((r) => r.result === kind).length);
    }
  }
  const findings = docs.flatMap((d) => d.results).filter((r) => r.result === 'fail' || r.result === 'warn');
  assert.is(findings.length, report.summary.errors + report.summary.warnings);
});

policyReport('maps errors to scored high fails and warnings to unscored medium warns', () => {
  const [, infra, ns1] = documents(report);
  const outcomes = [infra.results[0], ns1.results[0]].map((r) => [r.result, r.severity, r.scored]);
  assert.equal(outcomes, [['warn', 'medium', false], ['fail', 'high', true]]);
});

policyReport('describes a finding with source, rule, message, resource and string properties', () => {
  const result = documents(report)[2].results[0];
  assert.equal(result, {
    source: 'kubectl-iot',
    policy: 'project-requires-messaging-tenant',
    rule: 'project-requires-messaging-tenant',
    category: 'EnMasse IoT',
    severity: 'high',
    timestamp: { seconds: 1795774830, nanos: 456000000 },
    result: 'fail',
    scored: true,
    resources: [{ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', namespace: 'ns1', name: 'iot1' }],
    message: 'There is no MessagingTenant named default in namespace ns1',
    properties: { file: 'tenants/ns1/project.yaml', line: '1', remediation: 'kubectl iot create tenant -n ns1' },
  });
});

policyReport('stamps every result with the given time and no YAML aliases between them', () => {
  const out = renderPolicyReport(report, { policies, now: NOW });
  assert.not.match(out, /[&*]a\d/);
  for (const result of documents(report).flatMap((d) => d.results)) {
    assert.equal(result.timestamp, { seconds: Math.floor(NOW.getTime() / 1000), nanos: 456_000_000 });
  }
});

policyReport('passes the Active project and skips the condition the Failed project could not reach', () => {
  const [, , ns1, ns2] = documents(report);
  assert.equal(ns2.results.map((r) => [r.policy, r.result]), [
    ['project-requires-iot-infrastructure', 'pass'], ['project-requires-messaging-tenant', 'pass']]);
  assert.equal(ns1.results[2].properties, { file: 'tenants/ns1/project.yaml', line: '1',
    condition: 'HasMessagingInfrastructure' });
  assert.is(ns1.results[2].result, 'skip');
});

policyReport('emits openreports.io/v1alpha1 Report and ClusterReport with a source when asked', () => {
  const docs = documents(report, 'openreports');
  assert.equal(docs.map((d) => [d.apiVersion, d.kind, d.source]), [
    ['openreports.io/v1alpha1', 'ClusterReport', 'kubectl-iot'],
    ['openreports.io/v1alpha1', 'Report', 'kubectl-iot'],
    ['openreports.io/v1alpha1', 'Report', 'kubectl-iot'],
    ['openreports.io/v1alpha1', 'Report', 'kubectl-iot'],
    ['openreports.io/v1alpha1', 'Report', 'kubectl-iot'],
  ]);
  assert.equal(docs[1].results, documents(report)[1].results);
});

policyReport('is one empty ClusterPolicyReport for an empty report, so applying it still works', () => {
  const docs = documents(emptyReport());
  assert.is(docs.length, 1);
  assert.is(docs[0].kind, 'ClusterPolicyReport');
  assert.equal(docs[0].summary, { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 });
  assert.equal(docs[0].results, []);
});

policyReport('keeps results of a namespaced IoTConfig in its namespace report', () => {
  const infra = documents(report).find((d) => d.metadata.namespace === 'enmasse-infra')!;
  assert.equal(infra.results.map((r) => r.policy), ['iot-infrastructure-plaintext-password']);
});

policyReport('defaults the timestamp to now', () => {
  const before = Math.floor(Date.now() / 1000);
  const [, doc] = parseAllDocuments(renderPolicyReport(report, { policies })) as Array<{ toJS(): Doc }>;
  const { seconds } = doc.toJS().results[0].timestamp;
  assert.ok(seconds >= before && seconds <= Math.floor(Date.now() / 1000));
});

policyReport.run();
