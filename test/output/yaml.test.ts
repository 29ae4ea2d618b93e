import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { renderYaml } from '../../plugin/output/yaml';
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

yaml.run();
