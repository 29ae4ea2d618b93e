/**
 * `check -o json`, `-o yaml` and `-o text` write their projects batch by batch (policy/evaluate.ts
 * evaluateInventoryStreamed, through output/spool.ts); the text must be the one the whole report gives
 * (output/json.ts jsonChunks, the `yaml` package's document of the whole report, output/text.ts renderText), byte for byte,
 * whatever the batches, the threads, the namespace names (localeCompare's order is not code-unit order, and holds
 * some distinct names equal) or where the spool keeps the text.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../plugin/model/kinds';
import { EncodedObject, encodeObject } from '../../plugin/policy/encoded';
import { loadPolicies, type PolicyEngine } from '../../plugin/policy/engine';
import { evaluateInventory, evaluateInventoryStreamed } from '../../plugin/policy/evaluate';
import type { CheckReport, LocatedObject } from '../../plugin/policy/types';
import { stringify } from 'yaml';
import { canonicalReport, jsonChunks, streamedJsonChunks } from '../../plugin/output/json';
import { streamedYamlChunks } from '../../plugin/output/yaml';
import { renderText, streamedText } from '../../plugin/output/text';
import { projectSink, TextSpool } from '../../plugin/output/spool';
import { edgeInputs, INFRA, randomInventory, type PackInput } from './inventories';

const test = suite('check -o json, yaml and text, streamed: the text of the whole report');

function located(resources: KubeObject[]): LocatedObject[] {
  return resources.map((object, i) => ({ object, source: { file: `f${i % 4}.yaml`, line: i + 1 } }));
}

type Format = 'json' | 'yaml' | 'text';

async function streamedReport(engine: PolicyEngine, inventory: LocatedObject[], input: PackInput, format: Format,
  options: { batchBytes: number; workers?: number; spoolLimit?: number }): Promise<string> {
  const spool = new TextSpool(options.spoolLimit);
  try {
    const sink = projectSink(spool, format);
    const report = await evaluateInventoryStreamed(engine, inventory, input.parameters,
      { batchBytes: options.batchBytes, workers: options.workers ?? 0 }, sink);
    const chunks = format === 'json' ? streamedJsonChunks(report.summary, spool.texts(',\n'), report.results, 300)
      : format === 'yaml' ? streamedYamlChunks(report.summary, spool.texts(), report.results)
        : streamedText(report.summary, report.results, spool.texts('\n'), sink.facts(), { color: true });
    return [...chunks].join('');
  } finally {
    spool.close();
  }
}

/** The whole report's text in `format`: what the streamed one must equal. */
function wholeText(report: CheckReport, format: Format): string {
  if (format === 'yaml') return stringify(canonicalReport(report), { lineWidth: 0, aliasDuplicateObjects: false });
  return format === 'json' ? [...jsonChunks(report)].join('') : renderText(report, { color: true });
}

async function assertSame(input: PackInput, label: string, options: { workers?: number; spoolLimit?: number } = {}): Promise<void> {
  const engine = await loadPolicies();
  const inventory = located(input.resources);
  const report = evaluateInventory(engine, inventory, input.parameters, 1 << 30);
  for (const format of ['json', 'yaml', 'text'] as const) {
    const whole = wholeText(report, format);
    for (const batchBytes of [1, 1500, 1 << 30]) {
      assert.is(await streamedReport(engine, inventory, input, format, { batchBytes, ...options }), whole,
        `${label}, -o ${format}, batches of ${batchBytes} bytes`);
    }
  }
}

test('60 seeded random inventories and the edge cases, batches of one namespace to one batch', async () => {
  for (let seed = 1; seed <= 60; seed++) await assertSame(randomInventory(seed), `seed ${seed}`);
  for (const [i, input] of edgeInputs().entries()) await assertSame(input, `edge case ${i}`);
});

/** Projects (with tenants for some) in namespaces whose report order differs from code-unit order. */
function awkwardNamespaces(more = 0): PackInput {
  const namespaces = ['b', 'B', 'a\u0301', '\u00e1', 'a', 'A-1', 'a-1', '_x', 'z', '\u00e9', 'e',
    ...Array.from({ length: more }, (_, i) => `ns-${i}`)];
  const resources: KubeObject[] = [
    { apiVersion: 'enmasse.io/v1', kind: 'MessagingInfrastructure', metadata: { name: 'default', namespace: INFRA } },
    { apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTConfig', metadata: { name: 'default', namespace: INFRA },
      spec: { messagingInfrastructureRef: 'default' } },
  ];
  namespaces.forEach((namespace, i) => {
    if (i % 3 !== 0) resources.push({ apiVersion: 'enmasse.io/v1', kind: 'MessagingTenant', metadata: { name: 'default', namespace } });
    for (const name of ['p2', 'p1', `q${i}`]) {
      resources.push({ apiVersion: 'iot.enmasse.io/v1alpha1', kind: 'IoTProject', metadata: { name, namespace } });
    }
  });
  return { parameters: { infraNamespace: INFRA }, resources };
}

test('namespaces that localeCompare orders (or ties) unlike code units', async () => {
  await assertSame(awkwardNamespaces(), 'awkward namespaces');
});

test('on two worker threads, and with the spool in a temporary file', async () => {
  await assertSame(awkwardNamespaces(), 'awkward namespaces, threads', { workers: 2 });
  await assertSame(randomInventory(7), 'seed 7, threads', { workers: 2 });
  await assertSame(randomInventory(8), 'seed 8, spooled to a file', { spoolLimit: 10 });
  // Past the limit the workers write their batches' text into the spool's folder themselves.
  await assertSame(awkwardNamespaces(40), 'many namespaces, threads writing the spool', { workers: 2, spoolLimit: 10 });
});

test('objects released as their batches are answered: the same text, and only cluster-level objects are kept', async () => {
  const engine = await loadPolicies();
  const input = awkwardNamespaces();
  const whole = [...jsonChunks(evaluateInventory(engine, located(input.resources), input.parameters, 1 << 30))].join('');
  const inventory = input.resources.map((object, i) => new EncodedObject(encodeObject(object), { file: `f${i % 4}.yaml`, line: i + 1 }));
  const spool = new TextSpool();
  try {
    const report = await evaluateInventoryStreamed(engine, inventory, input.parameters, { batchBytes: 1, workers: 0, release: true },
      projectSink(spool));
    assert.is([...streamedJsonChunks(report.summary, spool.texts(',\n'), report.results)].join(''), whole);
  } finally {
    spool.close();
  }
  const kept = inventory.filter((object) => !object.released).map((object) => object.head.kind);
  assert.equal(kept, ['MessagingInfrastructure', 'IoTConfig']);
  assert.throws(() => inventory[5].object, /released/);
});

test('the spool gives back what it was given, across its move to a file and multi-byte characters', () => {
  const spool = new TextSpool(5);
  const pieces = ['ab', 'c', '\u00e9\u{1f600}x'.repeat(400000), '', 'end'];
  try {
    for (const piece of pieces) spool.add(piece);
    assert.is([...spool.texts()].join(''), pieces.join(''));
    assert.is([...spool.texts('|')].join(''), pieces.filter((p) => p !== '').join('|'));
  } finally {
    spool.close();
  }
});

test.run();
