import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalKind, type CanonicalKind, type KubeObject } from '../../plugin/model/kinds';
import { loadPolicies, type PolicyEngine } from '../../plugin/policy/engine';
import type { RawReport } from '../../plugin/policy/report';
import * as fc from 'fast-check';
import '../helpers/arbitraries'; // the seed every property of the run takes
import { distinct, EDGE_CASES, INFRA, random, randomInventory, type PackInput } from './inventories';

/**
 * SPEC "Remediations are a contract": every remediation that starts with `kubectl iot` runs as printed, and once
 * every distinct one of a report has run, in any order, a re-check finds no error and every project Active
 * (or Unknown for want of a Namespace's labels, which no command can supply). The commands are modelled here
 * on the objects, as the plugin implements them on files; a command that cannot do what it says (create what
 * exists, change what is missing) throws, so fixes that fight fail the test.
 */
const remediations = suite('remediations: running every fix of a report leaves no error and every project Active');
const RANDOM_CASES = 120;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const kindOf = (o: KubeObject): CanonicalKind | undefined => canonicalKind(o.apiVersion, o.kind);
const nsOf = (o: KubeObject): string => (kindOf(o) === 'Namespace' ? '' : o.metadata.namespace || 'default');
const find = (objects: KubeObject[], kind: CanonicalKind, ns: string, name: string) =>
  objects.filter((o) => kindOf(o) === kind && nsOf(o) === ns && String(o.metadata.name) === name);
const binding = (config: KubeObject): string => {
  const ref = config.spec?.messagingInfrastructureRef;
  return typeof ref === 'string' && ref !== '' ? ref : String(config.metadata.name);
};
const registry = { jdbc: { server: { external: { connection: { url: 'jdbc:postgresql://postgresql/device-registry', username: 'registry' } } } } };
const ref = (text: string) => {
  const [namespace, name, ...rest] = text.split('/');
  if (!namespace || !name || rest.length > 0) throw new Error(`not a NAMESPACE/NAME reference: ${text}`);
  return { namespace, name };
};

/** What the plugin's `kubectl iot ...` does to the objects (with --gitops-dir or --apply); throws when it cannot. */
export function run(objects: KubeObject[], command: string): KubeObject[] {
  const words = command.split(' ');
  if (words[0] !== 'kubectl' || words[1] !== 'iot') throw new Error(`not a kubectl iot command: ${command}`);
  if (/[{}<>]|NAME|NAMESPACE/.test(command)) throw new Error(`a placeholder in ${command}`);
  const flag = (name: string) => words.includes(name);
  const value = (name: string) => {
    const i = words.indexOf(name);
    if (i < 0 || !words[i + 1] || words[i + 1].startsWith('-')) throw new Error(`${command}: ${name} needs a value`);
    return words[i + 1];
  };
  const out = copy(objects);
  const verb = words.slice(2, 4).join(' ');
  const fail = (why: string): never => { throw new Error(`${command}: ${why}`); };
  if (verb === 'create tenant') {
    const ns = value('-n');
    const spec = flag('--messaging-infrastructure') ? { messagingInfrastructureRef: ref(value('--messaging-infrastructure')) } : {};
    const existing = find(out, 'MessagingTenant', ns, 'default');
    if (existing.length > 0 && !flag('--force')) fail('the tenant exists');
    if (existing.length === 0 && flag('--force')) fail('there is no tenant to rewrite');
    for (const t of existing) t.spec = { ...t.spec, ...spec };
    if (existing.length === 0) out.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace: ns }, spec });
  } else if (verb === 'create infrastructure') {
    const target = ref(value('--messaging-infrastructure'));
    if (flag('--force')) {
      const configs = out.filter((o) => kindOf(o) === 'IoTConfig' && nsOf(o) === target.namespace && binding(o) === target.name);
      if (configs.length === 0) fail('no IoTConfig to rewrite');
      for (const c of configs) c.spec = { ...c.spec, services: { ...(c.spec?.services as object), deviceRegistry: registry } };
    } else {
      if (find(out, 'IoTConfig', target.namespace, 'default').length > 0) fail('IoTConfig default exists');
      out.push({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { name: 'default', namespace: target.namespace },
        spec: { messagingInfrastructureRef: target.name, services: { deviceRegistry: registry } } });
    }
    if (flag('--create-messaging-infrastructure')) {
      if (find(out, 'MessagingInfrastructure', target.namespace, target.name).length > 0) fail('the messaging infrastructure exists');
      out.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: { name: target.name, namespace: target.namespace }, spec: {} });
    }
  } else if (verb === 'create messaging-infrastructure') {
    const [name, ns] = [words[4], value('-n')];
    if (find(out, 'MessagingInfrastructure', ns, name).length > 0) fail('it exists');
    out.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: { name, namespace: ns }, spec: {} });
  } else if (verb === 'create project') {
    const found = find(out, 'IoTProject', value('-n'), words[4]);
    if (!flag('--force') || found.length === 0) fail('no project to rewrite in place');
    for (const p of found) delete p.spec?.downstreamStrategy;
  } else if (verb === 'rename iotconfig') {
    const [old, name, ns] = [words[4], words[5], value('-n')];
    if (name !== 'default') fail('an IoTConfig must be renamed to default');
    const found = find(out, 'IoTConfig', ns, old);
    if (found.length === 0) fail('no such IoTConfig');
    if (find(out, 'IoTConfig', ns, name).length > 0) fail('IoTConfig default exists');
    for (const c of found) c.spec = { ...c.spec, messagingInfrastructureRef: binding(c) };
    for (const c of found) c.metadata.name = name;
  } else if (verb === 'rename iotproject') {
    const [old, name, ns] = [words[4], words[5], value('-n')];
    const found = find(out, 'IoTProject', ns, old);
    if (found.length === 0) fail('no such project');
    if (find(out, 'IoTProject', ns, name).length > 0) fail(`IoTProject ${name} exists`);
    for (const p of found) {
      p.metadata.name = name;
      delete p.spec?.downstreamStrategy;
    }
  } else if (words[2] === 'delete') {
    const kinds: Record<string, CanonicalKind> = { iotconfig: 'IoTConfig', messagingaddress: 'MessagingAddress', messagingtenant: 'MessagingTenant' };
    const kind = kinds[words[3]] ?? fail('unknown kind');
    const doomed = find(out, kind, value('-n'), words[4]);
    if (doomed.length === 0) fail('nothing to delete');
    return out.filter((o) => !doomed.includes(o));
  } else {
    fail('not a command the plugin has');
  }
  return out;
}

/** Every distinct kubectl iot remediation of a report, sorted. */
function fixes(report: RawReport): string[] {
  return [...new Set(report.findings.map((f) => f.remediation).filter((r) => r.startsWith('kubectl iot ')))].sort();
}

/** What is left after every fix ran in `order`: errors, and projects neither Active nor waiting for labels. */
function leftOver(engine: PolicyEngine, input: PackInput, commands: string[]): string[] {
  let resources = input.resources;
  for (const command of commands) resources = run(resources, command);
  const after = engine.evaluate({ ...input, resources });
  return [
    ...after.findings.filter((f) => f.severity === 'error')
      .map((f) => `${f.policy} ${f.resource.kind} ${f.resource.namespace}/${f.resource.name}: ${f.message} (fix: ${f.remediation})`),
    ...after.projects.filter((p) => p.phase !== 'Active' && p.conditions[1]?.reason !== 'NamespaceLabelsUnknown')
      .map((p) => `${p.namespace}/${p.name} is ${p.phase}: ${p.phaseReason}`),
  ];
}

function shuffled(seed: number): (commands: string[]) => string[] {
  return (commands) => {
    const rnd = random(seed);
    return commands.map((c) => [rnd(), c] as const).sort(([a], [b]) => a - b).map(([, c]) => c);
  };
}

const ORDERS = { sorted: (c: string[]) => c, reversed: (c: string[]) => [...c].reverse(), shuffled: shuffled(7) };

let engine: PolicyEngine;
remediations.before(async () => {
  engine = await loadPolicies();
});

for (const [name, resources] of Object.entries(EDGE_CASES)) {
  remediations(`${name}: every fix, in any order, mends the inventory`, () => {
    const input = { parameters: { infraNamespace: INFRA }, resources };
    const commands = fixes(engine.evaluate(input));
    for (const [order, sort] of Object.entries(ORDERS)) {
      assert.equal(leftOver(engine, input, sort(commands)), [], `${order}: ${JSON.stringify(commands)}`);
    }
  });
}

remediations(`${RANDOM_CASES} random inventories: every fix, in any order, mends the inventory`, () => {
  let ran = 0;
  for (let seed = 1; seed <= RANDOM_CASES; seed++) {
    const input = distinct(randomInventory(seed));
    const commands = fixes(engine.evaluate(input));
    // Sorted and reversed: every pair of fixes runs in both orders.
    for (const [order, sort] of [['sorted', ORDERS.sorted], ['reversed', ORDERS.reversed]] as const) {
      let left: string[];
      try {
        left = leftOver(engine, input, sort(commands));
      } catch (error) {
        throw new Error(`seed ${seed}, ${order}: ${(error as Error).message}\nfixes: ${commands.join('\n  ')}`);
      }
      assert.equal(left, [], `seed ${seed}, ${order}: fixes ${JSON.stringify(commands, null, 1)}`);
    }
    ran += commands.length;
  }
  assert.ok(ran > RANDOM_CASES, `the random inventories should need fixes (${ran})`);
});

remediations('property (fast-check, 1,000 runs): on a random inventory, every fix in a random order leaves no error', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer(), (seed, order) => {
    const input = distinct(randomInventory(seed));
    const commands = shuffled(order)(fixes(engine.evaluate(input)));
    assert.equal(leftOver(engine, input, commands), [], `seed ${seed}: fixes ${JSON.stringify(commands, null, 1)}`);
  }), { numRuns: 1000 });
});

remediations('the model of the commands refuses what the plugin refuses', () => {
  const tenant: KubeObject = { apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace: 'ns1' } };
  assert.throws(() => run([tenant], 'kubectl iot create tenant -n ns1'), /the tenant exists/);
  assert.throws(() => run([], 'kubectl iot create tenant -n ns1 --messaging-infrastructure x/y --force'), /no tenant to rewrite/);
  assert.throws(() => run([], 'kubectl iot delete iotconfig iot -n enmasse-infra'), /nothing to delete/);
  assert.throws(() => run([], 'kubectl iot create tenant -n ns1 --messaging-infrastructure y'), /NAMESPACE\/NAME/);
  assert.throws(() => run([], 'kubectl iot create tenant -n {namespace}'), /placeholder/);
  assert.equal(run([tenant], 'kubectl iot create tenant -n ns1 --messaging-infrastructure infra/mi --force')[0].spec,
    { messagingInfrastructureRef: { namespace: 'infra', name: 'mi' } });
});

remediations.run();
