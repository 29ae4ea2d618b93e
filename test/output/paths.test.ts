import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderGithub } from '../../plugin/output/github';
import { artifactPath } from '../../plugin/output/resources';
import { renderSarif } from '../../plugin/output/sarif';
import { report } from '../fixtures/report';

const paths = suite('output paths (annotations point at files from the working directory)');


paths('files relative to a checked folder are prefixed with it', () => {
  assert.is(artifactPath('tenants/a.yaml', 'clusters/prod'), 'clusters/prod/tenants/a.yaml');
  assert.is(artifactPath('../../base/a.yaml', 'overlays/prod'), 'base/a.yaml');
  assert.is(artifactPath('a.yaml', '.'), 'a.yaml');
  assert.is(artifactPath('a\\b.yaml'), 'a/b.yaml');
});

paths('GitHub annotations and SARIF locations carry the prefixed path', () => {
  assert.match(renderGithub(report, { policies: [], root: 'clusters/prod' }), /file=clusters\/prod\/tenants\/ns1\/project.yaml,line=7/);
  const sarif = JSON.parse(renderSarif(report, { policies: [], toolVersion: '1', root: 'clusters/prod' }));
  assert.is(sarif.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri, 'clusters/prod/tenants/ns1/project.yaml');
});

paths.run();
