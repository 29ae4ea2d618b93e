import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderSarif } from '../../plugin/output/sarif';
import { copyReport, emptyReport, policies, report } from '../fixtures/report';

/**
 * The OASIS SARIF 2.1.0 schema (rtm.5, the one the standard shipped) as @microsoft/jest-sarif packages it.
 * It is draft-04; Ajv speaks draft-07, which differs here only in the `id` keyword, and the schema has one
 * pattern that is valid only without the regexp `u` flag.
 */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: id });
}

const validate = sarifValidator();
const options = { policies, toolVersion: '1.2.3', root: 'examples/gitops' };
const sarif = suite('renderSarif');

function assertValid(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
}

sarif('validates against the SARIF 2.1.0 JSON schema', () => {
  assertValid(JSON.parse(renderSarif(report, options)));
});

sarif('the schema catches an invalid log, so the validation above means something', () => {
  const log = JSON.parse(renderSarif(report, options));
  log.runs[0].results[0].level = 'fatal';
  assert.not.ok(validate(log));
});

sarif('describes the tool and has one rule per policy with its metadata', () => {
  const { driver } = JSON.parse(renderSarif(report, options)).runs[0].tool;
  assert.is(driver.name, 'kubectl-iot');
  assert.is(driver.version, '1.2.3');
  assert.type(driver.informationUri, 'string');
  assert.equal(driver.rules.map((r: { id: string }) => r.id), policies.map((p) => p.id));
  assert.equal(driver.rules.find((r: { id: string }) => r.id === 'iot-infrastructure-plaintext-password'), {
    id: 'iot-infrastructure-plaintext-password',
    name: 'IotInfrastructurePlaintextPassword',
    shortDescription: { text: 'Plain-text database password' },
    fullDescription: { text: 'IoTConfig takes its database passwords as plain strings (there is no secret reference), '
      + 'so a password written into the manifest lands in Git with it.' },
    defaultConfiguration: { level: 'warning' },
    help: { text: 'keep the password out of Git: leave it empty in the repository and set it at deploy time (for example '
      + 'a kustomize replacement from a Secret created in the cluster)' },
    properties: { tags: ['kubernetes', 'enmasse', 'iot'] },
  });
});

sarif('points each result at its rule by id and index, with level and message plus fix', () => {
  const run = JSON.parse(renderSarif(report, options)).runs[0];
  for (const result of run.results) assert.is(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  assert.equal(run.results.map((r: { level: string }) => r.level), ['warning', 'error', 'error', 'warning']);
  assert.is(run.results[1].message.text,
    'There is no MessagingTenant named default in namespace ns1\nfix: kubectl iot create tenant -n ns1');
});

sarif('locates a finding with a file by relative URI and start line', () => {
  const results = JSON.parse(renderSarif(report, options)).runs[0].results;
  assert.equal(results[1].locations[0].physicalLocation, {
    artifactLocation: { uri: 'examples/gitops/tenants/ns1/project.yaml' },
    region: { startLine: 1 },
  });
  assert.equal(results[2].locations[0].physicalLocation.region, { startLine: 7 });
});

sarif('locates a finding without a file by its resource as a logical location', () => {
  const [location] = JSON.parse(renderSarif(report, options)).runs[0].results[3].locations;
  assert.equal(location, {
    logicalLocations: [{ name: 'other', fullyQualifiedName: 'ns3/MessagingTenant/other', kind: 'resource' }],
  });
});

sarif('writes URIs with forward slashes and percent-encoded spaces', () => {
  const source = copyReport();
  source.results[0].file = 'infra\\my config.yaml';
  const log = JSON.parse(renderSarif(source, options));
  assert.is(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/gitops/infra/my%20config.yaml');
  assertValid(log);
});

sarif('adds a bare rule for a finding whose policy the pack does not describe', () => {
  const source = copyReport();
  source.results[0].policy = 'unlisted-policy';
  const log = JSON.parse(renderSarif(source, options));
  const run = log.runs[0];
  assert.is(run.tool.driver.rules[run.results[0].ruleIndex].id, 'unlisted-policy');
  assert.is(run.tool.driver.rules.length, policies.length + 1);
  assertValid(log);
});

sarif('with a baseline, results carry baselineState unchanged or new and still validate', () => {
  const source = copyReport();
  source.results.forEach((finding, i) => { finding.baseline = i === 2 ? 'new' : 'unchanged'; }); // the address conflict is new
  const log = JSON.parse(renderSarif(source, options));
  assert.equal(log.runs[0].results.map((r: { baselineState: string }) => r.baselineState),
    ['unchanged', 'unchanged', 'new', 'unchanged']);
  assertValid(log);
  log.runs[0].results[0].baselineState = 'known';
  assert.not.ok(validate(log), 'the schema knows baselineState, so the validation above means something');
});

sarif('without a baseline, results have no baselineState', () => {
  const log = JSON.parse(renderSarif(report, options));
  assert.not.ok(log.runs[0].results.some((r: object) => 'baselineState' in r));
});

sarif('is valid with no findings and no policies', () => {
  const log = JSON.parse(renderSarif(emptyReport(), { policies: [], toolVersion: '0.0.0' }));
  assert.equal(log.runs[0].results, []);
  assertValid(log);
});

sarif.run();
