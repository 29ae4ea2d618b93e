import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { OUTPUT_FORMATS, renderReport, type OutputFormat, type RenderOptions } from '../../plugin/output';
import { renderCodeQuality } from '../../plugin/output/codequality';
import { renderGithub } from '../../plugin/output/github';
import { renderJson } from '../../plugin/output/json';
import { renderJunit } from '../../plugin/output/junit';
import { renderMarkdown } from '../../plugin/output/markdown';
import { renderPolicyReport } from '../../plugin/output/policyreport';
import { renderSarif } from '../../plugin/output/sarif';
import { renderText } from '../../plugin/output/text';
import { renderYaml } from '../../plugin/output/yaml';
import { NOW, policies, report } from '../fixtures/report';

const options: RenderOptions = {
  color: true, policies, toolVersion: '1.0.0', policyReportApi: 'openreports', now: NOW,
};
const output = suite('renderReport');

output('offers the nine formats of check -o, text first as the default', () => {
  assert.equal([...OUTPUT_FORMATS],
    ['text', 'json', 'yaml', 'sarif', 'junit', 'github', 'policyreport', 'markdown', 'codequality']);
});

output('hands each format to its printer with the options it needs', () => {
  const expected: Record<OutputFormat, string> = {
    text: renderText(report, { color: true }),
    json: renderJson(report),
    yaml: renderYaml(report),
    sarif: renderSarif(report, options),
    junit: renderJunit(report, { policies }),
    github: renderGithub(report, { policies }),
    policyreport: renderPolicyReport(report, { policies, now: NOW, policyReportApi: 'openreports' }),
    markdown: renderMarkdown(report, { policies }),
    codequality: renderCodeQuality(report, {}),
  };
  for (const format of OUTPUT_FORMATS) assert.is(renderReport(report, format, options), expected[format], format);
});

output('prints colours only in the text format', () => {
  for (const format of OUTPUT_FORMATS.filter((f) => f !== 'text')) {
    assert.not.match(renderReport(report, format, options), /\u001b\[/, format);
  }
});

output('rejects a format it does not know instead of printing nothing', () => {
  assert.throws(() => renderReport(report, 'html' as OutputFormat, options), /unknown output format html/);
});

output.run();
