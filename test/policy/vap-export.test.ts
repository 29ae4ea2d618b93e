import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import type { CheckedSample, PolicyMeta } from '../../scripts/export-sources';
import { vapFiles } from '../../scripts/export-vap';
import { lit, problemExpression, type CelRule } from '../../scripts/export-vap-rules';

const exporter = suite('VAP exporter (scripts/export-vap.ts): what it generates and what it refuses');

const meta = (id: string, severity: 'error' | 'warning'): PolicyMeta =>
  ({ id, severity, title: `title of ${id}`, description: `description of ${id}`, remediation: `fix ${id}` });
const rule: CelRule = { readsSpec: true, variables: [['name', 'object.metadata.name']], problems: [{ when: 'variables.name != \'a\'', message: ['not a'] }] };
/** A sample on which `id` reports an IoTProject. */
const sample = (id: string): CheckedSample => ({
  id, name: 'denied', path: `policies/${id}/samples/denied.yaml`,
  documents: [{ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'b', namespace: 'ns1' } }],
  findings: [{ policy: id, severity: 'error', message: 'm', remediation: 'r', index: 0,
    resource: { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', namespace: 'ns1', name: 'b' } }],
});

exporter('a warning gets a Warn binding; the policy matches every served version of the kinds it reports on', () => {
  const files = vapFiles([meta('project-name', 'warning')], [sample('project-name')], { 'project-name': rule });
  const [policy, binding] = parseAllDocuments(files['policies/project-name.yaml']).map((d) => d.toJSON());
  assert.equal(binding.spec, { policyName: 'kubectl-iot-project-name', validationActions: ['Warn'] });
  assert.equal(policy.spec.matchConstraints.resourceRules.map((r: { resources: string[] }) => r.resources[0]), ['iotprojects', 'iottenants']);
  assert.is(policy.spec.validations[0].message, 'title of project-name: description of project-name');
  assert.equal(policy.spec.matchConstraints.resourceRules[0].operations, ['CREATE', 'UPDATE']);
  assert.equal(policy.spec.matchConditions.map((c: { name: string }) => c.name), ['creates-or-changes-spec']);
  assert.match(files['README.md'], '| `kubectl-iot-project-name` | Warn | title of project-name |');
});

exporter('a rule that reads only the name reviews creates alone (a name cannot change)', () => {
  const files = vapFiles([meta('project-name', 'error')], [sample('project-name')], { 'project-name': { ...rule, readsSpec: false } });
  const [policy] = parseAllDocuments(files['policies/project-name.yaml']).map((d) => d.toJSON());
  assert.equal(policy.spec.matchConstraints.resourceRules[0].operations, ['CREATE']);
  assert.is(policy.spec.matchConditions, undefined);
});

exporter('a policy neither described in CEL nor listed as inadmissible fails the generation', () => {
  assert.throws(() => vapFiles([meta('new-policy', 'error')], [], {}), /new-policy: say how CEL expresses it, or why not/);
  assert.throws(() => vapFiles([meta('project-address-conflict', 'error')], [], { 'project-address-conflict': rule }),
    /project-address-conflict: say how CEL expresses it, or why not/);
});

exporter('an exported policy whose samples show no kind it reports on fails the generation', () => {
  assert.throws(() => vapFiles([meta('project-name', 'error')], [], { 'project-name': rule }), /project-name: no sample shows/);
});

exporter('CEL literals escape quotes and backslashes; the first problem that holds is the message', () => {
  assert.is(lit('it\'s a\\b'), '\'it\\\'s a\\\\b\'');
  const two: CelRule = { readsSpec: false, variables: [], problems: [{ when: 'a', message: ['x', { cel: 'y' }, 'z'] }, { when: 'b', message: ['w', 'v'] }] };
  assert.is(problemExpression(two), 'a\n  ? \'x\' + y + \'z\'\n  : b\n  ? \'wv\'\n  : \'\'');
});

exporter.run();
