/** The oracle of the `check` properties (check.test.ts in process, check-cli.test.ts through the binary). */
import * as assert from 'uvu/assert';
import { CliError } from '../../plugin/errors';
import { readInventory } from '../../plugin/gitops/read';
import { adapterAddresses, managedAddresses, tenantName } from '../../plugin/model/names';
import { evaluateInventory, type Evaluator } from '../../plugin/policy/evaluate';
import type { CheckReport } from '../../plugin/policy/types';
import { KUSTOMIZE } from '../helpers/kustomize';

/** Reads `text` as `check -` would (stdin), then evaluates it: a report, or the CliError it ended with. */
export async function checkText(engine: Evaluator, text: string): Promise<CheckReport | CliError> {
  try {
    const inventory = await readInventory(['-'], { kustomize: KUSTOMIZE, defaultNamespace: 'default', readStdin: async () => text });
    return evaluateInventory(engine, inventory, { infraNamespace: 'enmasse-infra' });
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
}

/** The report is consistent: counts match, every project has a phase and conditions, names agree with the model. */
export function assertCleanReport(report: CheckReport): void {
  const { summary, projects, results } = report;
  assert.is(summary.projects, projects.length, 'summary.projects');
  assert.is(summary.errors, results.filter((r) => r.severity === 'error').length, 'summary.errors');
  assert.is(summary.warnings, results.filter((r) => r.severity === 'warning').length, 'summary.warnings');
  assert.is(summary.errors + summary.warnings, results.length, 'every finding is an error or a warning');
  assert.ok(Number.isInteger(summary.resources) && summary.resources >= 0, 'summary.resources');
  for (const project of projects) {
    assert.ok(project.phase === 'Active' || project.phase === 'Failed', `phase ${JSON.stringify(project.phase)}`);
    assert.ok(Array.isArray(project.conditions) && project.conditions.length > 0, 'conditions');
    for (const c of project.conditions) {
      assert.type(c.type, 'string');
      assert.ok(['True', 'False', 'Unknown'].includes(c.status), `condition status ${JSON.stringify(c.status)}`);
    }
    // The policy pack derives tenant and addresses itself; they agree with plugin/model/names.ts.
    if (typeof project.namespace === 'string' && typeof project.name === 'string') {
      assert.is(project.tenantName, tenantName(project.namespace, project.name), 'tenantName');
      assert.equal(project.addresses, managedAddresses(project.namespace, project.name), 'addresses');
      assert.equal(project.adapterAddresses, adapterAddresses(project.namespace, project.name), 'adapterAddresses');
    }
  }
  for (const finding of results) {
    assert.type(finding.policy, 'string');
    assert.type(finding.message, 'string');
    assert.ok(finding.resource && typeof finding.resource === 'object', 'finding.resource');
  }
}

/**
 * The error is what the CLI prints as `error: MESSAGE`: one line, or (an InputError listing every problem) lines
 * that each start with `error: `, each saying something.
 */
export function assertErrorLines(error: CliError): void {
  assert.type(error.message, 'string');
  for (const line of `error: ${error.message}`.split('\n')) {
    assert.match(line, /^error: \S/, `every line is an error line: ${JSON.stringify(error.message)}`);
    assert.not.match(line, /\r/, 'no carriage return');
  }
}
