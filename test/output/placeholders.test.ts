/**
 * No output of any format shows an unrendered template (`{infrastructure}`, `{namespace}`): every format renders
 * the pack's real reports (the edge cases and random inventories), and SARIF's rule help reads the catalog.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LocatedObject } from '../../plugin/gitops/read';
import { OUTPUT_FORMATS, renderReport } from '../../plugin/output';
import { policyCatalog } from '../../plugin/policy/catalog';
import { loadPolicies } from '../../plugin/policy/engine';
import { evaluateInventory } from '../../plugin/policy/evaluate';
import { edgeInputs, randomInventory } from '../policy/inventories';

const formats = suite('every output format: no {placeholder} in what users read');
const TEMPLATE = /\{[A-Za-z_][A-Za-z0-9_]*\}/;

formats('text, json, yaml, sarif, junit, github and policyreport of real reports', async () => {
  const engine = await loadPolicies();
  const inputs = [...edgeInputs(), ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(randomInventory)];
  let findings = 0;
  for (const input of inputs) {
    const inventory: LocatedObject[] = input.resources.map((object, i) => ({ object, source: { file: 'tree/objects.yaml', line: i + 1 } }));
    const report = evaluateInventory(engine, inventory, input.parameters);
    findings += report.results.length;
    for (const format of OUTPUT_FORMATS) {
      const text = renderReport(report, format, { color: false, policies: policyCatalog(), toolVersion: '0.0.0',
        policyReportApi: 'wgpolicyk8s', root: 'tree' });
      assert.not.match(text, TEMPLATE, `${format}: ${TEMPLATE.exec(text)?.[0]}`);
    }
  }
  assert.ok(findings > 50, `the inputs should have findings (${findings})`);
});

formats.run();
