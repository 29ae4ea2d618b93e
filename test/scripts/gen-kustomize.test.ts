import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderKustomize } from '../../scripts/gen-kustomize';
import { requireTools } from '../helpers/ci';

const root = join(__dirname, '..', '..', 'kustomize');
const rendered = renderKustomize();
const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const build = (dir: string) =>
  parseAllDocuments(execFileSync('kubectl', ['kustomize', join(root, dir)], { encoding: 'utf8' })).map((d) => d.toJS());

const test = suite('scripts/gen-kustomize.ts');

test('the committed kustomize files are what the model generates (run the script after changing the model)', () => {
  for (const [path, content] of Object.entries(rendered)) {
    assert.ok(existsSync(join(root, path)), `kustomize/${path} exists`);
    assert.fixture(readFileSync(join(root, path), 'utf8'), content, `kustomize/${path}`);
  }
});

test('kustomize/crds holds no YAML the generator does not write', () => {
  const stale = readdirSync(join(root, 'crds')).filter((file) => !(`crds/${file}` in rendered));
  assert.equal(stale, []);
});

test('the infrastructure base keeps the password out of Git and says how to set it', () => {
  const all = Object.entries(rendered).filter(([path]) => path.startsWith('infrastructure/'));
  const yamlOnly = all.map(([, content]) => content.replace(/^#.*$/gm, ''));
  assert.ok(yamlOnly.every((content) => !/password:\s*\S/.test(content)), 'no password value in any file');
  assert.ok(yamlOnly.every((content) => !/^kind: Secret$/m.test(content)), 'no Secret in the base');
  assert.match(rendered['infrastructure/kustomization.yaml'], /kubectl -n enmasse-infra patch iotconfig default/);
});

if (requireTools(test, 'kubectl kustomize builds both bases', kubectl ? [] : ['kubectl'])) {
  test('kubectl kustomize builds the CRD base: eight CRDs', () => {
    assert.is(build('crds').filter((o) => o.kind === 'CustomResourceDefinition').length, 8);
  });

  test('kubectl kustomize builds the infrastructure base, the Job mounting the generated schema ConfigMap', () => {
    const objects = build('infrastructure');
    assert.equal(objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '-<hash>')}`).sort(), [
      'ConfigMap/postgresql-schema-<hash>', 'Deployment/postgresql', 'IoTConfig/default', 'Job/postgresql-schema',
      'MessagingInfrastructure/default', 'PersistentVolumeClaim/postgresql', 'Service/postgresql',
    ]);
    assert.ok(objects.every((o) => o.metadata.namespace === 'enmasse-infra'));
    const configMap = objects.find((o) => o.kind === 'ConfigMap');
    const schema = readFileSync(join(root, 'infrastructure', 'postgresql', 'schema.sql'), 'utf8');
    assert.is(configMap.data['schema.sql'], schema);
    const job = objects.find((o) => o.kind === 'Job');
    assert.is(job.spec.template.spec.volumes[0].configMap.name, configMap.metadata.name);
  });
}

test.run();
