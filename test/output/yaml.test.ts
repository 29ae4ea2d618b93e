import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, stringify } from 'yaml';
import { canonicalReport } from '../../plugin/output/json';
import { renderYaml, yamlChunks } from '../../plugin/output/yaml';
import type { CheckReport } from '../../plugin/policy/types';
import { copyReport, report } from '../fixtures/report';

const yaml = suite('renderYaml');

yaml('parses back to the same object as the report', () => {
  assert.equal(parse(renderYaml(report)), report);
});

yaml('starts with the summary, like the JSON contract', () => {
  assert.ok(renderYaml(report).startsWith('summary:\n  resources: 7\n'));
});

yaml('keeps condition statuses strings although True and False look like booleans', () => {
  const parsed = parse(renderYaml(report));
  assert.is(parsed.projects[0].conditions[0].status, 'False');
  assert.is(parsed.projects[1].conditions[0].status, 'True');
});

yaml('keeps a long message on one line', () => {
  const source = copyReport();
  source.results[0].message = 'word '.repeat(40).trim();
  assert.ok(renderYaml(source).includes(`message: ${'word '.repeat(40).trim()}\n`));
});

yaml('writes an object shared by two findings twice instead of as a YAML alias', () => {
  const source = copyReport();
  source.results[1].resource = source.results[0].resource;
  const out = renderYaml(source);
  assert.not.match(out, /[&*]a\d/);
  assert.equal(parse(out), source);
});

/** The `yaml` package's one document of the whole report: what the report, written in pieces, must be. */
const whole = (source: CheckReport) => stringify(canonicalReport(source), { lineWidth: 0, aliasDuplicateObjects: false });

yaml('written in pieces, it is the yaml package\'s document of the whole report, byte for byte', () => {
  assert.is(renderYaml(report), whole(report));
  // Strings YAML quotes, folds or writes as block scalars, wherever they are.
  const awkward = copyReport();
  const texts = ['line one\nline two\n\nafter a blank line', ' leading space', 'trailing space ', 'a: b # c', '- item', 'True',
    '', '\u00e9t\u00e9 \u2603', 'tab\there', 'ends with newline\n', '"quoted"', "it's", '{x}', '*alias', '@at', '%d'];
  texts.forEach((text, i) => {
    const project = awkward.projects[i % awkward.projects.length];
    project.phaseReason = text;
    project.conditions = project.conditions.map((c) => ({ ...c, message: `${text}|${i}` }));
    awkward.results[i % awkward.results.length].message = text;
  });
  assert.is(renderYaml(awkward), whole(awkward));
  // Many projects: several pieces, and still the same text.
  const many = copyReport();
  many.projects = Array.from({ length: 600 }, (_, i) => ({ ...many.projects[i % many.projects.length], name: `p${i}` }));
  many.summary.projects = many.projects.length;
  assert.ok([...yamlChunks(many)].length > 4);
  assert.is(renderYaml(many), whole(many));
  // No projects, no findings.
  const none = { ...copyReport(), projects: [], results: [] };
  none.summary.projects = 0;
  assert.is(renderYaml(none), whole(none));
});

yaml.run();
