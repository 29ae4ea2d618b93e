import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertGolden } from '../helpers/golden';
import { engineReport, REPORT_GOLDEN, report, reportJson } from '../fixtures/report';

// The printers' fixture is the engine's own output, never a hand-written report: when the pack or the tree changes,
// this fails until `UPDATE_GOLDEN=1` rewrites test/fixtures/golden/report.json (then the printer goldens follow).
test('the printers\' report is what the engine reports on test/fixtures/report (UPDATE_GOLDEN=1 rewrites it)', async () => {
  assertGolden(REPORT_GOLDEN, reportJson(await engineReport()));
});

test('the report has what the printers need: a failed and an active project, errors and warnings, a finding without file', () => {
  assert.equal(report.projects.map((p) => `${p.namespace}/${p.name} ${p.phase}`), ['ns1/iot1 Failed', 'ns2/iot2 Active']);
  assert.equal([report.summary.errors, report.summary.warnings], [2, 2]);
  assert.ok(report.results.some((r) => !r.file), 'a finding from the cluster');
  assert.ok(report.results.some((r) => r.line && r.line > 1), 'a finding on a later document of a file');
});

test.run();
