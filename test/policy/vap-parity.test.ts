/**
 * The ValidatingAdmissionPolicy export against the Rego, fast: its CEL evaluated by a CEL library
 * (@marcbachmann/cel-js, not the API server; test/e2e/vap.test.ts runs the real one) on every object of every
 * policy sample and parity fixture, compared with the WebAssembly engine's verdicts and messages.
 */
import { Environment } from '@marcbachmann/cel-js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { engineVerdicts, exportedPolicies, matches, policyId, vapFixtures, verdict, type Vap } from '../helpers/vap';

const exported = exportedPolicies();
const ids = new Set(exported.map(({ policy }) => policyId(policy)));
const fixtures = vapFixtures();
// The API server hands CEL integers as int64, not doubles.
const env = new Environment({ enableOptionalTypes: true, unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

function celValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(celValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, celValue(v)]));
  return value;
}

/** The message a policy's validation gives an object, or undefined when it passes. */
function celProblem(policy: Vap, object: KubeObject): string | undefined {
  const context = { object: celValue(object), oldObject: null, request: { operation: 'CREATE' }, variables: {} as Record<string, unknown> };
  if (!(policy.spec.matchConditions ?? []).every((c) => env.evaluate(c.expression, context) === true)) return undefined;
  for (const { name, expression } of policy.spec.variables) context.variables[name] = env.evaluate(expression, context);
  const [validation] = policy.spec.validations;
  if (env.evaluate(validation.expression, context) === true) return undefined;
  return String(env.evaluate(validation.messageExpression, context));
}

function celVerdicts(documents: KubeObject[]): Map<number, string[]> {
  const byIndex = new Map<number, string[]>();
  documents.forEach((object, index) => {
    const found = exported.flatMap(({ policy, action }) => {
      if (!matches(policy, object)) return [];
      const problem = celProblem(policy, object);
      return problem === undefined ? [] : [verdict(policyId(policy), action === 'Deny' ? 'error' : 'warning', object, problem)];
    });
    if (found.length > 0) byIndex.set(index, found.sort());
  });
  return byIndex;
}

function found<T>(items: T[], test: (item: T) => boolean, what: string): T {
  const item = items.find(test);
  if (item === undefined) throw new Error(`no ${what}`);
  return item;
}

const flat = (verdicts: Map<number, string[]>) => [...verdicts.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, v]) => v);

const parity = suite('vap parity: the ValidatingAdmissionPolicy CEL (in @marcbachmann/cel-js) gives check\'s verdicts');

parity('the export has a policy and binding per policy one object decides, Deny for errors and Warn for warnings', () => {
  assert.equal([...ids], ['iot-infrastructure-device-registry', 'iot-infrastructure-name', 'messaging-tenant-name',
    'project-managed-strategy-only', 'project-name']);
  const actions = Object.fromEntries(exported.map(({ policy, action }) => [policyId(policy), action]));
  assert.is(actions['messaging-tenant-name'], 'Warn');
  assert.is(actions['project-name'], 'Deny');
});

parity('variable names are CEL identifiers the API server takes (cel-js accepts reserved words such as namespace)', () => {
  // The CEL spec's reserved words and literals; kube-apiserver refuses them as spec.variables[].name.
  const reserved = new Set(['as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop',
    'package', 'namespace', 'return', 'var', 'void', 'while', 'in', 'true', 'false', 'null']);
  for (const { policy } of exported) {
    for (const { name } of policy.spec.variables) {
      assert.match(name, /^[a-zA-Z_][a-zA-Z0-9_]*$/, policy.metadata.name);
      assert.not.ok(reserved.has(name), `${policy.metadata.name}: ${name} is reserved in CEL`);
    }
  }
});

for (const fixture of fixtures) {
  parity(`CEL on ${fixture.file} reports what check reports`, async () => {
    assert.equal(flat(celVerdicts(fixture.documents)), flat(await engineVerdicts(fixture, ids)));
  });
}

parity('the fixtures give every exported policy objects it denies and objects it admits', () => {
  for (const id of ids) {
    const { policy } = found(exported, (e) => policyId(e.policy) === id, id);
    const objects = fixtures.flatMap((f) => f.documents).filter((o) => matches(policy, o));
    assert.ok(objects.some((o) => celProblem(policy, o) !== undefined), `nothing breaks ${id}`);
    assert.ok(objects.some((o) => celProblem(policy, o) === undefined), `nothing keeps ${id}`);
  }
});

parity('the exported policies\' verdicts do not depend on the infrastructure namespace (the export has no parameter)', async () => {
  for (const fixture of fixtures) {
    assert.equal(flat(await engineVerdicts(fixture, ids, 'other-infra')), flat(await engineVerdicts(fixture, ids)), fixture.file);
  }
});

parity('a CEL message that differs from check\'s is caught (the comparison can fail)', async () => {
  const fixture = found(fixtures, (f) => f.file === 'test/fixtures/vap/admission.yaml', 'admission fixture');
  const renamed = fixture.documents.map((d) => (d.kind === 'IoTProject' && d.metadata.name === 'Upper_Case'
    ? { ...d, metadata: { ...d.metadata, name: 'upper-case' } } : d));
  assert.not.equal(flat(celVerdicts(renamed)), flat(await engineVerdicts(fixture, ids)));
});

parity.run();
