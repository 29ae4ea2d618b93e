import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalReport, jsonChunks, renderJson } from '../../plugin/output/json';
import type { CheckReport } from '../../plugin/policy/types';
import { copyReport, report } from '../fixtures/report';

const json = suite('renderJson');

json('prints the report as JSON indented by two spaces and ending with a newline', () => {
  const out = renderJson(report);
  assert.ok(out.startsWith('{\n  "summary": {\n    "resources": 7,'));
  assert.ok(out.endsWith('\n}\n'));
});

json('round-trips to the same object', () => {
  assert.equal(JSON.parse(renderJson(report)), report);
});

json('orders keys as the SPEC contract does, whatever order the report was built in', () => {
  const source = copyReport();
  const finding = source.results[2];
  const reversed = Object.fromEntries(Object.entries(finding).reverse()) as typeof finding;
  const shuffled = { results: [reversed], projects: [], summary: source.summary } as CheckReport;
  const parsed = JSON.parse(renderJson(shuffled));
  assert.equal(Object.keys(parsed), ['summary', 'projects', 'results']);
  const findingKeys = ['policy', 'severity', 'message', 'resource', 'file', 'line', 'remediation'];
  assert.equal(Object.keys(parsed.results[0]), findingKeys);
  assert.equal(Object.keys(parsed.results[0].resource), ['apiVersion', 'kind', 'namespace', 'name']);
});

json('orders project keys as the contract does, chain before source', () => {
  const parsed = JSON.parse(renderJson(report));
  assert.equal(Object.keys(parsed.projects[1]), ['namespace', 'name', 'tenantName', 'phase', 'phaseReason',
    'conditions', 'addresses', 'adapterAddresses', 'chain', 'source']);
  assert.equal(Object.keys(parsed.projects[0].conditions[0]), ['type', 'status', 'reason', 'message']);
});

json('leaves out fields that are undefined', () => {
  const source = copyReport();
  source.results[0].file = undefined;
  source.results[0].line = undefined;
  const parsed = JSON.parse(renderJson(source));
  assert.not.ok('file' in parsed.results[0]);
  assert.not.ok('line' in parsed.results[0]);
});

json('does not modify the report it prints', () => {
  const source = copyReport();
  renderJson(source);
  assert.equal(source, report);
});

json('the streamed pieces are exactly JSON.stringify of the canonical report, for empty and full reports', () => {
  const empty: CheckReport = { summary: { resources: 0, projects: 0, errors: 0, warnings: 0 }, projects: [], results: [] };
  const onlyProjects: CheckReport = { ...copyReport(), results: [], summary: { ...report.summary, errors: 0, warnings: 0 } };
  for (const value of [report, empty, onlyProjects]) {
    const whole = `${JSON.stringify(canonicalReport(value), null, 2)}\n`;
    assert.is(renderJson(value), whole);
    const pieces = [...jsonChunks(value, 10)];
    if (value.projects.length > 0) assert.ok(pieces.length > 1);
    assert.is(pieces.join(''), whole);
  }
});

json.run();
