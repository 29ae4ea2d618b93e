import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderGithub } from '../../plugin/output/github';
import { artifactPath } from '../../plugin/output/resources';
import { renderSarif } from '../../plugin/output/sarif';
import type { CheckReport } from '../../plugin/policy/types';

const paths = suite('output paths (annotations point at files from the working directory)');

const report: CheckReport = {
  summary: { resources: 1, projects: 0, errors: 1, warnings: 0 },
  projects: [],
  results: [{
    policy: 'iot-infrastructure-name', severity: 'error', message: 'm', remediation: 'r', file: 'infra/c.yaml', line: 3,
    resource: { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', namespace: 'x', name: 'y' },
  }],
};

paths('files relative to a checked folder are prefixed with it', () => {
  assert.is(artifactPath('tenants/a.yaml', 'clusters/prod'), 'clusters/prod/tenants/a.yaml');
  assert.is(artifactPath('../../base/a.yaml', 'overlays/prod'), 'base/a.yaml');
  assert.is(artifactPath('a.yaml', '.'), 'a.yaml');
  assert.is(artifactPath('a\\b.yaml'), 'a/b.yaml');
});

paths('GitHub annotations and SARIF locations carry the prefixed path', () => {
  assert.match(renderGithub(report, { policies: [], root: 'clusters/prod' }), /file=clusters\/prod\/infra\/c.yaml,line=3/);
  const sarif = JSON.parse(renderSarif(report, { policies: [], toolVersion: '1', root: 'clusters/prod' }));
  assert.is(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'clusters/prod/infra/c.yaml');
});

paths.run();
