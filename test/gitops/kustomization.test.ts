import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addResources, newKustomization } from '../../plugin/gitops/kustomization';

const kustomization = suite('gitops/kustomization');

const handWritten = [
  '# Tenants of the production cluster.',
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'namespace: ns1   # keep aligned',
  'resources:',
  '- messaging-tenant.yaml  # the tenant first',
  '# projects below',
  '- iot-project-a.yaml',
  'labels:',
  '- pairs: {team: iot}',
  '',
].join('\n');

kustomization('a new entry goes after the last one and every other byte stays as it was', () => {
  const updated = addResources(handWritten, 'k.yaml', ['iot-project-b.yaml']);
  assert.is(updated, handWritten.replace('- iot-project-a.yaml\n', '- iot-project-a.yaml\n- iot-project-b.yaml\n'));
});

kustomization('entries already present (also as ./name) change nothing', () => {
  assert.is(addResources(handWritten, 'k.yaml', ['iot-project-a.yaml']), undefined);
  assert.is(addResources('resources:\n- ./a.yaml\n', 'k.yaml', ['a.yaml']), undefined);
});

kustomization('indented lists keep their indentation', () => {
  assert.is(addResources('resources:\n  - a.yaml\n', 'k', ['b.yaml']), 'resources:\n  - a.yaml\n  - b.yaml\n');
});

kustomization('a file without resources gains the key at its end', () => {
  assert.is(addResources('# c\nnamespace: x\n', 'k', ['b.yaml']), '# c\nnamespace: x\nresources:\n  - b.yaml\n');
});

kustomization('a file without a final newline still ends cleanly', () => {
  assert.is(addResources('resources:\n- a.yaml', 'k', ['b.yaml']), 'resources:\n- a.yaml\n- b.yaml\n');
});

kustomization('malformed YAML is an error naming the file', () => {
  assert.throws(() => addResources('resources: [\n', 'tenants/kustomization.yaml', ['a']),
    /tenants\/kustomization.yaml: malformed YAML/);
});

kustomization('resources that are not a list are an error', () => {
  assert.throws(() => addResources('resources: a.yaml\n', 'k.yaml', ['b']), /"resources" must be a list/);
});

kustomization('a new kustomization sets the namespace and lists the resources', () => {
  assert.is(newKustomization(['a.yaml'], 'ns1'),
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ns1\nresources:\n  - a.yaml\n');
});

kustomization.run();
