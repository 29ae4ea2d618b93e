/**
 * Partitioned evaluation (plugin/policy/partition.ts) must never change the report: on seeded random inventories,
 * the edge cases and cross-namespace cases, batches as small as one namespace give the report of one whole
 * evaluation, byte for byte.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { LocatedObject } from '../../plugin/gitops/read';
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies } from '../../plugin/policy/engine';
import { evaluateInventory, evaluateInventoryParallel } from '../../plugin/policy/evaluate';
import { EncodedObject, encodeObject, headOf, jsonOf } from '../../plugin/policy/encoded';
import { batchJson, partition } from '../../plugin/policy/partition';
import { buildReport } from '../../plugin/policy/report';
import { edgeInputs, randomInventory, type PackInput } from './inventories';

const partitioned = suite('policy pack: evaluation in namespace batches gives the report of one whole evaluation');

function located(resources: KubeObject[]): LocatedObject[] {
  return resources.map((object, i) => ({ object, source: { file: `f${i % 3}.yaml`, line: i + 1 } }));
}

async function assertSame(input: PackInput, label: string): Promise<void> {
  const engine = await loadPolicies();
  const inventory = located(input.resources);
  const whole = JSON.stringify(buildReport(engine.evaluate(input), inventory));
  for (const bytes of [1, 2000]) {
    const batched = JSON.stringify(evaluateInventory(engine, inventory, input.parameters, bytes));
    assert.is(batched, whole, `${label}, batches of ${bytes} bytes`);
  }
}

partitioned('120 seeded random inventories', async () => {
  for (let seed = 1; seed <= 120; seed++) await assertSame(randomInventory(seed), `seed ${seed}`);
});

partitioned('the edge cases (empty, infrastructure only, singleton, selectors, references across namespaces)', async () => {
  for (const [i, input] of edgeInputs().entries()) await assertSame(input, `edge case ${i}`);
});

partitioned('worker threads (two, small batches) give the same report as one whole evaluation', async () => {
  const engine = await loadPolicies();
  const inputs = [...edgeInputs(), ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed) => randomInventory(seed))];
  const resources = inputs.flatMap((input, i) => input.resources.map((o) => renamespaced(o, i)));
  const inventory = located(resources);
  const whole = JSON.stringify(buildReport(engine.evaluate({ parameters: inputs[0].parameters, resources }), inventory));
  const parallel = await evaluateInventoryParallel(engine, inventory, inputs[0].parameters, { batchBytes: 2000, workers: 2 });
  assert.is(JSON.stringify(parallel), whole);
});

/** The objects of input `i` in namespaces of their own (infrastructure stays shared), so inputs can be combined. */
function renamespaced(object: KubeObject, i: number): KubeObject {
  const ns = object.metadata.namespace;
  if (object.kind === 'Namespace') return { ...object, metadata: { ...object.metadata, name: `${object.metadata.name}-${i}` } };
  if (!ns || /infra/.test(ns)) return object;
  return { ...object, metadata: { ...object.metadata, namespace: `${ns}-${i}` } };
}

partitioned('batches hold whole namespaces, each with the cluster-level objects and its own Namespace object', () => {
  const objects: KubeObject[] = [
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'a', namespace: 'ns2' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns2', labels: { team: 'x' } } },
    { apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: { name: 'default', namespace: 'enmasse-infra' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ignored', namespace: 'ns1' } },
    { apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace: 'ns1' } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { name: 'default', namespace: 'enmasse-infra' } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'b', namespace: 'ns1' } },
  ];
  const inventory = objects.map((object) => ({ object }));
  const { batches, clusterLevel } = partition(inventory, 1);
  assert.equal([...clusterLevel], [2, 5]);
  assert.equal(batches.map((b) => b.positions), [[2, 5, 4, 6], [2, 5, 0, 1]]);
  assert.equal(partition(inventory).batches.map((b) => b.positions), [[2, 5, 4, 6, 0, 1]]);
  assert.equal(partition([]).batches, [{ positions: [] }]);
});

partitioned('batches follow the order of namespaces (localeCompare), not code-unit order', () => {
  // Code-unit order puts "B" before "a"; the report (buildReport) sorts namespaces with localeCompare: a, B, c.
  const inventory = ['c', 'B', 'a'].map((namespace) => ({
    object: { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'p', namespace } },
  }));
  assert.equal(partition(inventory, 1).batches.map((b) => b.positions), [[2], [1], [0]]);
});

partitioned('the JSON text of a batch is JSON.stringify of its input, whether objects are encoded or parsed', () => {
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1', labels: { 'a\u2028b': '"q"' } } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'p', namespace: 'ns1' }, spec: { x: [1, null, 'é'] } },
  ];
  const parameters = { infraNamespace: 'enmasse-infra' };
  const expected = JSON.stringify({ parameters, resources: objects });
  const plain = objects.map((object) => ({ object }));
  const encoded = objects.map((object, i) => new EncodedObject(encodeObject(object), { file: 'f.yaml', line: i + 1 }));
  for (const inventory of [plain, encoded]) {
    assert.is(batchJson(inventory, partition(inventory).batches[0], parameters), expected);
  }
});

partitioned('an encoded object read as an object is parsed once, and its text is then never used again', () => {
  const object: KubeObject = { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name: 'p' } };
  const located = new EncodedObject(encodeObject(object), { file: 'f.yaml', line: 1 });
  assert.equal(headOf(located), { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: 'p', namespace: undefined } });
  located.object.metadata.namespace = 'ns1'; // what the reader does when it defaults a namespace
  assert.is(located.json, undefined);
  assert.is(headOf(located).metadata.namespace, 'ns1');
  assert.is(jsonOf(located), JSON.stringify({ ...object, metadata: { name: 'p', namespace: 'ns1' } }));
  // Released after its evaluation, it keeps the head of the object it became, not the text's.
  located.release();
  assert.is(headOf(located).metadata.namespace, 'ns1');
  assert.throws(() => located.object, /released/);
});

partitioned.run();
