import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies, type PolicyEngine } from '../../plugin/policy/engine';
import { ROOT } from '../helpers/cli';
import { edgeInputs, INFRA, randomInventory } from './inventories';

/**
 * The pack owns every sentence, and none is a template: no message, phaseReason, remediation, recreate command
 * or METADATA text has a {placeholder} left to fill in, and every remediation that is a kubectl iot command is
 * one of the command forms the plugin implements, with every value given (SPEC "Remediations are a contract").
 */
const placeholders = suite('policy texts: no placeholder in any message, fix or METADATA, and fixes are real commands');

const NAME = '[^\\s/{}<>]+';
const REF = `${NAME}/${NAME}`;
/** The kubectl iot command forms the plugin implements (plugin/commands). */
const COMMANDS = [
  `create tenant -n ${NAME}`,
  `create tenant -n ${NAME} --messaging-infrastructure ${REF}`,
  `create tenant -n ${NAME} --messaging-infrastructure ${REF} --force`,
  `create infrastructure --messaging-infrastructure ${REF}`,
  `create infrastructure --messaging-infrastructure ${REF} --create-messaging-infrastructure`,
  `create infrastructure --messaging-infrastructure ${REF} --force`,
  `create messaging-infrastructure ${NAME} -n ${NAME}`,
  `rename iotconfig ${NAME} default -n ${NAME}`,
  `rename iotproject ${NAME} ${NAME} -n ${NAME}`,
  `delete (iotconfig|messagingaddress|messagingtenant) ${NAME} -n ${NAME}`,
  `create project ${NAME} -n ${NAME} --force`,
  `recreate project ${NAME} -n ${NAME}`,
].map((form) => new RegExp(`^kubectl iot ${form}$`));

const PLACEHOLDER = /[{}]/;

/** Every YAML file below `dir`, relative to the repository root. */
function yamlFiles(dir: string): string[] {
  const absolute = join(ROOT, dir);
  if (!statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name))
    : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

function documents(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(join(ROOT, file), 'utf8')).map((d) => d.toJSON() as KubeObject | null)
    .filter((d): d is KubeObject => d !== null && typeof d === 'object');
}

/** The inventories to check: every sample and fixture file alone, each fixture tree whole, edge and random cases. */
function inventories(): [string, KubeObject[]][] {
  const samples = readdirSync(join(ROOT, 'policies'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['lib', 'main', 'build'].includes(e.name))
    .flatMap((e) => yamlFiles(join('policies', e.name, 'samples')));
  const trees = ['examples/broken', 'examples/gitops', 'test/fixtures/parity/multi-namespace', 'test/fixtures/parity/selectors'];
  return [
    ...[...samples, ...trees.flatMap(yamlFiles)].map((file): [string, KubeObject[]] => [file, documents(file)]),
    ...trees.map((tree): [string, KubeObject[]] => [tree, yamlFiles(tree).flatMap(documents)]),
    ...edgeInputs().map((input, i): [string, KubeObject[]] => [`edge case ${i}`, input.resources]),
    ...Array.from({ length: 60 }, (_, i): [string, KubeObject[]] => [`random seed ${i + 1}`, randomInventory(i + 1).resources]),
  ];
}

/** What is wrong with the texts of one report. */
function problems(engine: PolicyEngine, resources: KubeObject[]): string[] {
  const report = engine.evaluate({ parameters: { infraNamespace: INFRA }, resources });
  const texts: [string, string][] = [
    ...report.findings.flatMap((f): [string, string][] => [[`${f.policy} message`, f.message], [`${f.policy} remediation`, f.remediation]]),
    ...report.projects.flatMap((p): [string, string][] => [
      [`${p.namespace}/${p.name} phaseReason`, p.phaseReason],
      ...(p.recreate ? [[`${p.namespace}/${p.name} recreate`, p.recreate] as [string, string]] : []),
      ...p.conditions.map((c): [string, string] => [`${p.namespace}/${p.name} ${c.type}`, c.message]),
    ]),
  ];
  const commands = [...report.findings.map((f) => f.remediation), ...report.projects.flatMap((p) => (p.recreate ? [p.recreate] : []))]
    .filter((text) => text.startsWith('kubectl iot'));
  return [
    ...texts.filter(([, text]) => PLACEHOLDER.test(text)).map(([what, text]) => `${what}: ${text}`),
    ...commands.filter((c) => !COMMANDS.some((form) => form.test(c))).map((c) => `not a command form of the plugin: ${c}`),
    ...report.projects.filter((p) => p.recovery === 'manual' && !p.recreate).map((p) => `${p.namespace}/${p.name} has no recreate`),
  ];
}

let engine: PolicyEngine;
placeholders.before(async () => {
  engine = await loadPolicies();
});

placeholders('every sample, fixture and generated inventory reports without a placeholder, fixes in the command forms', () => {
  const cases = inventories();
  assert.ok(cases.length > 100, `${cases.length} inventories`);
  const found = cases.flatMap(([name, resources]) => problems(engine, resources).map((p) => `${name}: ${p}`));
  assert.equal(found, []);
});

placeholders('the METADATA of every policy (policies.json, SARIF rule help) has no placeholder', () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'policies', 'build', 'policies.json'), 'utf8')) as { policies: Record<string, unknown>[] };
  assert.is(catalog.policies.length, 11);
  const texts = (value: unknown): string[] => (typeof value === 'string' ? [value]
    : value && typeof value === 'object' ? Object.values(value).flatMap(texts) : []);
  for (const policy of catalog.policies) {
    for (const text of texts(policy)) assert.not.match(text, PLACEHOLDER, `${String(policy.id)}: ${text}`);
    assert.type(policy.remediation, 'string');
    assert.not.ok('remediations' in policy, `${String(policy.id)} has no templates per reason`);
  }
});

placeholders('the check catches a placeholder and a command the plugin does not have', () => {
  assert.ok(PLACEHOLDER.test('kubectl iot create tenant -n {namespace}'));
  assert.not.ok(COMMANDS.some((form) => form.test('kubectl iot create tenant -n ns1 --messaging-infrastructure mi')));
  assert.not.ok(COMMANDS.some((form) => form.test('kubectl delete iotconfig iot -n enmasse-infra')));
  assert.ok(COMMANDS.some((form) => form.test('kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/mi --force')));
});

placeholders.run();
