import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeMarkdown, MARKDOWN_LIMIT, renderMarkdown } from '../../plugin/output/markdown';
import { copyReport, emptyReport, policies, report } from '../fixtures/report';

const markdown = suite('renderMarkdown');
const options = { policies, root: 'examples/gitops' };

/** The cells of a table row, split at the pipes the printer wrote (escaped ones are entities). */
const cells = (line: string) => line.slice(2, -2).split(' | ');
const tableRows = (text: string, header: string) => {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  return rows;
};

markdown('opens with the counts per severity and the summary line', () => {
  const lines = renderMarkdown(report, options).split('\n');
  assert.is(lines[0], '## kubectl iot check');
  assert.is(lines[2], '**2 errors**, **2 warnings**');
  assert.is(lines[4], '2 projects (1 Active, 1 Failed), 2 errors, 2 warnings in 7 resources');
});

markdown('a row per finding: severity, resource, file:line from the repository root, policy and condition, reason, fix', () => {
  const rows = tableRows(renderMarkdown(report, options), 'Severity');
  assert.is(rows.length, 4);
  assert.equal(cells(rows[1]), [
    'error', 'IoTProject ns1/iot1', '<code>examples/gitops/tenants/ns1/project.yaml:1</code>',
    'project-requires-messaging-tenant<br>HasMessagingTenant',
    'IoTProject ns1/iot1: There is no MessagingTenant named default in namespace ns1',
    '<code>kubectl iot create tenant -n ns1</code>',
  ]);
  // A policy without a project condition names only itself; a later document of a file has its own line.
  assert.equal(cells(rows[2]).slice(2, 4), ['<code>examples/gitops/tenants/ns1/project.yaml:7</code>', 'project-address-conflict']);
  // No file (a live object): the file cell stays empty.
  assert.is(cells(rows[3])[2], '');
});

markdown('a row per project with its predicted phase, reason and recovery', () => {
  const rows = tableRows(renderMarkdown(report, options), 'Project');
  assert.equal(rows.map(cells), [
    ['ns1/iot1', 'ns1.iot1', 'Failed', 'There is no MessagingTenant named default in namespace ns1. The project becomes ready '
      + 'by itself once the tenant exists. Fix: kubectl iot create tenant -n ns1', 'automatic'],
    ['ns2/iot2', 'ns2.iot2', 'Active', '', ''],
  ]);
});

markdown('with a baseline: new and known counted, known findings marked', () => {
  const source = copyReport();
  source.results.forEach((finding, i) => { finding.baseline = i === 1 ? 'new' : 'unchanged'; });
  const text = renderMarkdown(source, options);
  assert.ok(text.includes('**2 errors**, **2 warnings** (1 new, 3 known from the baseline)'));
  assert.equal(tableRows(text, 'Severity').map((row) => cells(row)[0]), ['warning (known)', 'error', 'error (known)', 'warning (known)']);
});

markdown('escapes Markdown and HTML in names, files and messages, so they stay text in their cell', () => {
  const source = copyReport();
  source.results[0].message = '<img src=x onerror=alert(1)> *bold* [link](http://x) `code` a|b $x$ #1 @team ~~s~~ &amp;';
  source.results[0].file = 'a|b/<c>.yaml';
  source.results[0].remediation = 'kubectl iot `rm` | tee';
  source.results[0].resource.name = 'x\nsecond line';
  const row = tableRows(renderMarkdown(source, options), 'Severity')[0];
  assert.is(cells(row).length, 6, row);
  assert.not.match(row, /<img|<c>|\*bold\*|\[link\]|`|~~|\$x\$|&amp;|@team|(?<!&)#1/);
  assert.ok(row.includes('&#60;img src=x onerror=alert(1)&#62; &#42;bold&#42; &#91;link&#93;(http://x)'));
  assert.ok(row.includes('<code>examples/gitops/a&#124;b/&#60;c&#62;.yaml:1</code>'));
  assert.ok(row.includes('x<br>second line'));
  assert.ok(row.includes('<code>kubectl iot &#96;rm&#96; &#124; tee</code>'));
});

markdown('escapes terminal control characters visibly', () => {
  assert.is(escapeMarkdown('a\u001b[31mb'), 'a&#92;x1b&#91;31mb');
});

markdown('a clean report says so in both sections', () => {
  const text = renderMarkdown(emptyReport(), options);
  assert.ok(text.includes('**0 errors**, **0 warnings**'));
  assert.ok(text.includes('### Findings\n\nNo findings.\n'));
  assert.ok(text.includes('### Projects\n\nNo IoT projects.\n'));
});

markdown('a huge report still fits a pull-request comment, and says how many rows it left out', () => {
  const source = copyReport();
  source.results = Array.from({ length: 2000 }, (_, i) => ({ ...report.results[2], message: `finding ${i} ${'x'.repeat(80)}` }));
  const text = renderMarkdown(source, options);
  assert.ok(text.length < 65_536 && text.length <= MARKDOWN_LIMIT + 200, String(text.length));
  const shown = tableRows(text, 'Severity').length;
  assert.ok(shown > 10 && shown < 2000, String(shown));
  assert.ok(text.includes(`…and ${2000 - shown} more findings, left out to fit a comment (see the full report).`));
});

markdown.run();
