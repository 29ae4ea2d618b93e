import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CODE_QUALITY_SEVERITY, renderCodeQuality, type CodeQualityIssue } from '../../plugin/output/codequality';
import { assertCodeQualityShape } from '../helpers/codequality';
import { copyReport, emptyReport, report } from '../fixtures/report';

const codequality = suite('renderCodeQuality');
const render = (source = report, root = 'examples/gitops') => JSON.parse(renderCodeQuality(source, { root })) as CodeQualityIssue[];

codequality('one issue per finding, in GitLab\'s shape', () => {
  const issues = render();
  assertCodeQualityShape(issues);
  assert.is(issues.length, report.results.length);
  assert.equal({ ...issues[1], fingerprint: '' }, {
    description: 'IoTProject ns1/iot1: There is no MessagingTenant named default in namespace ns1 (fix: kubectl iot create tenant -n ns1)',
    check_name: 'project-requires-messaging-tenant',
    fingerprint: '',
    severity: 'critical',
    location: { path: 'examples/gitops/tenants/ns1/project.yaml', lines: { begin: 1 } },
  });
});

codequality('maps error to critical and warning to minor', () => {
  assert.equal(CODE_QUALITY_SEVERITY, { error: 'critical', warning: 'minor' });
  assert.equal(render().map((i) => i.severity), ['minor', 'critical', 'critical', 'minor']);
});

codequality('a finding without a file points at the checked folder, line 1', () => {
  assert.equal(render()[3].location, { path: 'examples/gitops', lines: { begin: 1 } });
  assert.equal(render(report, '')[3].location, { path: '.', lines: { begin: 1 } });
});

codequality('fingerprints are unique and survive an edit that moves the finding (the line is not in them)', () => {
  const before = render().map((i) => i.fingerprint);
  assert.is(new Set(before).size, before.length);
  const moved = copyReport();
  moved.results.forEach((finding) => { finding.line = (finding.line ?? 0) + 7; });
  moved.results[0].file = 'elsewhere.yaml';
  assert.equal(render(moved).map((i) => i.fingerprint), before);
});

codequality('fingerprints change with the policy, the resource or the message', () => {
  const [first] = render().map((i) => i.fingerprint);
  for (const change of [
    (r: ReturnType<typeof copyReport>) => { r.results[0].policy = 'other'; },
    (r: ReturnType<typeof copyReport>) => { r.results[0].resource.name = 'other'; },
    (r: ReturnType<typeof copyReport>) => { r.results[0].message = 'other'; },
  ]) {
    const changed = copyReport();
    change(changed);
    assert.is.not(render(changed)[0].fingerprint, first);
  }
});

codequality('two identical findings get two fingerprints', () => {
  const twice = copyReport();
  twice.results = [twice.results[0], { ...twice.results[0], file: 'copy.yaml' }];
  const [a, b] = render(twice).map((i) => i.fingerprint);
  assert.is.not(a, b);
});

codequality('a clean report is an empty array', () => {
  assert.is(renderCodeQuality(emptyReport(), {}), '[]\n');
});

codequality.run();
