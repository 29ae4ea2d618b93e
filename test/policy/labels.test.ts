import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { loadPolicies } from '../../plugin/policy/engine';
import { EDGE_CASES, INFRA, randomInventory, type PackInput } from './inventories';

/**
 * SPEC section 1, step 4: without a namespace's Namespace object its labels are unknown, and the pack never
 * guesses them. Whatever labels the namespace turns out to have, a HasMessagingInfrastructure it reports as known
 * stays the same; only NamespaceLabelsUnknown may resolve either way.
 */
const labels = suite('unknown namespace labels: a condition reported as known holds whatever the labels are');

const LABELINGS: Record<string, string>[] = [{}, { tier: 'gold' }, { tier: 'silver' }, { tier: 'gold', team: 'a' }];

/** HasMessagingInfrastructure of every project, by namespace/name/position. */
function conditions(report: { projects: { namespace: string; name: string; index: number; conditions: { type: string }[] }[] }) {
  return new Map(report.projects.map((p) => [`${p.namespace}/${p.name}#${p.index}`, p.conditions[1]]));
}

labels('on random inventories and the edge cases, every labelling of the unlabelled namespaces agrees', async () => {
  const engine = await loadPolicies();
  const inputs: PackInput[] = [
    ...Array.from({ length: 80 }, (_, i) => randomInventory(i + 1)),
    ...Object.values(EDGE_CASES).map((resources) => ({ parameters: { infraNamespace: INFRA }, resources })),
  ];
  let unknown = 0;
  for (const [i, input] of inputs.entries()) {
    const named = new Set(input.resources.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
    const unlabelled = [...new Set(input.resources.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace ?? 'default'))]
      .filter((ns) => !named.has(ns));
    const before = conditions(engine.evaluate(input));
    for (const labelling of LABELINGS) {
      const namespaces: KubeObject[] = unlabelled.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: labelling } }));
      // The Namespace objects go last, so every project keeps its position.
      const after = conditions(engine.evaluate({ ...input, resources: [...input.resources, ...namespaces] }));
      for (const [project, condition] of before) {
        if ((condition as { reason?: string }).reason === 'NamespaceLabelsUnknown') {
          unknown++;
          continue;
        }
        assert.equal(after.get(project), condition, `case ${i}, ${project}, labels ${JSON.stringify(labelling)}`);
      }
    }
  }
  assert.ok(unknown > 0, 'some namespaces should have unknown labels');
});

labels.run();
