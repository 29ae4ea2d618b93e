import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderText, summaryLine } from '../../plugin/output/text';
import type { CheckReport } from '../../plugin/policy/types';
import { copyReport, emptyReport, report } from '../fixtures/report';
import { assertGolden } from '../helpers/golden';

const ANSI = /\u001b\[/;
const text = suite('renderText');

text('matches the golden view without colours', () => {
  assertGolden('text.txt', renderText(report, { color: false }));
});

text('matches the golden view with colours', () => {
  assertGolden('text-color.txt', renderText(report, { color: true }));
});

text('has no ANSI escape codes when colour is off', () => {
  assert.not.match(renderText(report, { color: false }), ANSI);
});

text('colours errors and Failed red, warnings yellow and Active green when colour is on', () => {
  const out = renderText(report, { color: true });
  assert.ok(out.includes('\u001b[31merror  \u001b[39m  tenants/ns1/project.yaml:7'));
  assert.ok(out.includes('\u001b[33mwarning\u001b[39m  infrastructure/iot-config.yaml:1'));
  assert.ok(out.includes('ns1.iot1  \u001b[31mFailed\u001b[39m'));
  assert.ok(out.includes('ns2.iot2  \u001b[32mActive\u001b[39m'));
});

text('prints each finding with severity, file:line, policy, resource and message, then its fix', () => {
  const lines = renderText(report, { color: false }).split('\n');
  const at = lines.indexOf('  error    tenants/ns1/project.yaml:1  project-requires-messaging-tenant  '
    + 'IoTProject ns1/iot1: There is no MessagingTenant named default in namespace ns1');
  assert.ok(at > 0);
  assert.is(lines[at - 1], 'tenants/ns1/project.yaml');
  assert.is(lines[at + 1], '    fix: kubectl iot create tenant -n ns1');
  assert.is(lines[at + 2], '  error    tenants/ns1/project.yaml:7  project-address-conflict  '
    + 'MessagingAddress ns1/events claims address event/ns1.iot1, which IoTProject ns1/iot1 manages');
});

text('groups findings without a file last, under (no file)', () => {
  const out = renderText(report, { color: false });
  assert.match(out, /\n\(no file\)\n {2}warning {2}messaging-tenant-name {2}MessagingTenant ns3\/other is ignored/);
  assert.ok(out.indexOf('(no file)') > out.indexOf('tenants/ns1/project.yaml'));
});

text('explains failed projects with their reason and recovery', () => {
  const out = renderText(report, { color: false });
  assert.ok(out.includes(
    '    reason:   There is no MessagingTenant named default in namespace ns1. The project becomes ready by itself once '
    + 'the tenant exists. Fix: kubectl iot create tenant -n ns1\n'
    + '    recovery: automatic\n',
  ));
});

text('ends with one summary line', () => {
  const lines = renderText(report, { color: false }).trimEnd().split('\n');
  assert.is(lines.at(-1), '2 projects (1 Active, 1 Failed), 2 errors, 2 warnings in 7 resources');
  assert.is(lines.filter((line) => / in \d+ resources?$/.test(line)).length, 1);
});

text('uses singular nouns for counts of one', () => {
  const one: CheckReport = { ...copyReport(), summary: { resources: 1, projects: 1, errors: 1, warnings: 1 } };
  one.projects = one.projects.slice(1);
  assert.is(summaryLine(one), '1 project (1 Active, 0 Failed), 1 error, 1 warning in 1 resource');
});

text('says there are no findings and no projects when the report is empty', () => {
  assert.is(renderText(emptyReport(), { color: false }),
    'No findings.\n\nProjects\n  none\n\n0 projects (0 Active, 0 Failed), 0 errors, 0 warnings in 0 resources\n');
});

text('shows terminal escapes from manifests as text instead of sending them to the terminal', () => {
  const source = copyReport();
  source.results[0].message = 'bad \u001b[2J name\rover';
  const out = renderText(source, { color: false });
  assert.ok(out.includes('bad \\x1b[2J name\\x0dover'));
  assert.not.match(out, ANSI);
  assert.not.ok(out.includes('\r'));
});

text('indents the continuation lines of a multi-line message under the finding', () => {
  const source = copyReport();
  source.results[0].message = 'first line\nsecond line';
  assert.ok(renderText(source, { color: false }).includes('first line\n    second line\n    fix: '));
});

text('a message that does not name its resource is prefixed with it', () => {
  const out = renderText({ ...report, results: [{ ...report.results[0], message: 'bad value' }] }, { color: false });
  assert.match(out, /iot-infrastructure-plaintext-password {2}IoTConfig enmasse-infra\/default: bad value\n/);
});

text('with a baseline: known findings say so, and the summary line counts known and new', () => {
  const source = copyReport();
  source.results.forEach((finding, i) => { finding.baseline = i === 2 ? 'new' : 'unchanged'; });
  const lines = renderText(source, { color: false }).split('\n');
  assert.ok(lines.includes('  error    known  tenants/ns1/project.yaml:1  project-requires-messaging-tenant  '
    + 'IoTProject ns1/iot1: There is no MessagingTenant named default in namespace ns1'));
  assert.ok(lines.some((line) => line.startsWith('  error    tenants/ns1/project.yaml:7  project-address-conflict  ')));
  assert.ok(lines.at(-2)!.endsWith('in 7 resources; 3 known (in the baseline), 1 new'));
  assert.not.match(renderText(report, { color: false }), /known/);
});

text('a report of 500,000 projects and one file of 200,000 findings renders (no Math.max(...) over every row)', () => {
  const projects = Array.from({ length: 500000 }, (_, i) => ({
    namespace: `ns-${i % 1000}`, name: `p${i}`, tenantName: `ns-${i % 1000}.p${i}`, phase: 'Active' as const,
    phaseReason: '', conditions: [], addresses: [], adapterAddresses: [],
  }));
  const finding = report.results[0];
  const results = Array.from({ length: 200000 }, () => ({ ...finding, file: 'one.yaml' }));
  const big: CheckReport = { summary: { resources: 500000, projects: 500000, errors: 200000, warnings: 0 }, projects, results };
  const out = renderText(big, { color: false });
  assert.ok(out.includes(`  ns-999/p499999`), 'the last project is listed');
  assert.ok(out.split('\n').length > 700000);
});

text.run();
