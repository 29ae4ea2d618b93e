/**
 * The pass/skip decision behind JUnit's test cases and PolicyReport's pass/skip results (plugin/policy/settled.ts):
 * a policy mapped to a condition passes where the condition is True, is skipped where it is not, and is not settled
 * at all where a finding reports it or the project lacks the condition.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkOutcome, projectResource, settledChecks } from '../../plugin/policy/settled';
import type { CheckReport, Condition, PolicyInfo, ProjectStatus } from '../../plugin/policy/types';

const settled = suite('policy: settled checks decide pass or skip from the projects\' conditions');

const policy = (id: string, condition?: string): PolicyInfo =>
  ({ id, title: id, description: id, severity: 'error', condition, remediation: 'fix it' });
const condition = (type: string, status: Condition['status']): Condition => ({ type, status, reason: 'R', message: 'm' });
const project = (namespace: string, name: string, conditions: Condition[]): ProjectStatus =>
  ({ namespace, name, tenantName: 'default', phase: 'Active', phaseReason: '', conditions } as ProjectStatus);

function report(projects: ProjectStatus[], reported: Array<[string, string, string]> = []): CheckReport {
  return {
    summary: { resources: 0, projects: projects.length, errors: reported.length, warnings: 0 },
    projects,
    results: reported.map(([id, namespace, name]) => ({ policy: id, severity: 'error', message: 'x', remediation: '',
      resource: { apiVersion: 'iot.enmasse.io/v1', kind: 'IoTProject', namespace, name } })),
  };
}

settled('True passes, False and Unknown are skipped', () => {
  assert.is(checkOutcome({ status: 'True' }), 'pass');
  assert.is(checkOutcome({ status: 'False' }), 'skip');
  assert.is(checkOutcome({ status: 'Unknown' }), 'skip');
});

settled('one check per project and mapped policy, in project then policy order, naming the project', () => {
  const a = project('ns1', 'a', [condition('HasTenant', 'True'), condition('Ready', 'Unknown')]);
  const b = project('ns2', 'b', [condition('HasTenant', 'Unknown')]);
  const policies = [policy('tenant', 'HasTenant'), policy('ready', 'Ready'), policy('unmapped')];
  const checks = settledChecks(report([a, b]), policies);
  assert.equal(checks.map((c) => [c.policy.id, c.project.name, c.outcome, c.condition.type]), [
    ['tenant', 'a', 'pass', 'HasTenant'], ['ready', 'a', 'skip', 'Ready'], ['tenant', 'b', 'skip', 'HasTenant'],
  ]);
  assert.equal(checks[2].resource, projectResource(b));
  assert.equal(projectResource(b), { apiVersion: projectResource(a).apiVersion, kind: 'IoTProject', namespace: 'ns2', name: 'b' });
});

settled('a policy a finding reports for the project is not settled there, only there', () => {
  const a = project('ns1', 'a', [condition('HasTenant', 'False')]);
  const b = project('ns1', 'b', [condition('HasTenant', 'True')]);
  const checks = settledChecks(report([a, b], [['tenant', 'ns1', 'a']]), [policy('tenant', 'HasTenant')]);
  assert.equal(checks.map((c) => [c.project.name, c.outcome]), [['b', 'pass']]);
});

settled.run();
