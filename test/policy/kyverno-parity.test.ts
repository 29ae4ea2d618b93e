/**
 * Parity of the Kyverno export with check: the real `kyverno apply` (both forms at once) and `kubectl iot check`
 * on the same files, every policy sample and parity fixture, no expected file in between. The policies Kyverno
 * cannot express (NOT_EXPRESSIBLE, the one list the export's README also prints) are left out of check's side.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { policyCatalog } from '../../plugin/policy/catalog';
import { NOT_EXPRESSIBLE } from '../../scripts/export-kyverno-rules';
import { ROOT } from '../helpers/cli';
import { batches, kyvernoVerdicts, requireKyverno, type KyvernoVerdicts } from '../helpers/kyverno';
import { tempDir } from '../helpers/tmp';
import { checkVerdicts, parityFixtures } from '../helpers/verdicts';

const FIXTURES = parityFixtures();
const BATCHES = batches(FIXTURES);
const expressed = new Set(policyCatalog().map((p) => p.id).filter((id) => !(id in NOT_EXPRESSIBLE)));

/** What Kyverno should report, from check's verdicts: one result per policy and object. */
function expectedOf(files: string[]): KyvernoVerdicts {
  const lines = checkVerdicts(files).filter((line) => expressed.has(line.split(' ')[0]));
  const byObject = new Map<string, string>();
  // check's lines are sorted: the first of an object is the message Kyverno gives (the CEL takes the first problem).
  for (const line of lines) {
    const object = line.slice(0, line.indexOf(': '));
    if (!byObject.has(object)) byObject.set(object, line);
  }
  return { validating: [...byObject.values()], cluster: [...byObject.keys()] };
}

/** Runs jobs at most `width` at a time, in the order they are asked for (each CLI loads a 300 MB binary). */
function limited(width: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active < width) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

const expectations = new Map<number, KyvernoVerdicts>();
/** check's side of a batch, computed once. */
function expectedFor(batch: number): KyvernoVerdicts {
  if (!expectations.has(batch)) expectations.set(batch, expectedOf(BATCHES[batch].flatMap((n) => FIXTURES[n])));
  return expectations.get(batch) ?? { validating: [], cluster: [] };
}

const parity = suite('kyverno parity: kyverno apply on the export gives check\'s verdicts (real Kyverno CLI)');

parity('the batches hold every fixture once, in fewer runs than there are fixtures', () => {
  assert.equal(BATCHES.flat().sort(), Object.keys(FIXTURES).sort());
  assert.ok(BATCHES.length < Object.keys(FIXTURES).length, 'fixtures share runs');
});

if (requireKyverno(parity, 'kyverno apply on every fixture')) {
  // Every run starts now, two at a time; each test waits for its own.
  const run = limited(2);
  const runs = BATCHES.map((names) => run(() => kyvernoVerdicts(names.flatMap((n) => FIXTURES[n]))));
  for (const r of runs) r.catch(() => undefined);
  BATCHES.forEach((names, i) => {
    parity(`kyverno apply on ${names.join(', ')} reports what check reports`, async () => {
      const expected = expectedFor(i);
      const actual = await runs[i];
      assert.equal(actual.validating, expected.validating, 'ValidatingPolicy');
      assert.equal(actual.cluster, expected.cluster, 'ClusterPolicy');
    });
  });

  parity('a verdict Kyverno gives differently is caught (the comparison can fail)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const sample = 'policies/project-name/samples/denied.yaml';
      const renamed = join(dir, 'renamed.yaml');
      writeFileSync(renamed, readFileSync(join(ROOT, sample), 'utf8').replace('name: Sensors_Building7', 'name: sensors-building-7'));
      const actual = await kyvernoVerdicts([renamed]);
      assert.equal(actual, { validating: [], cluster: [] });
      assert.not.equal(actual, expectedOf([sample]));
    } finally {
      cleanup();
    }
  });
}

// After the runs: check's side is computed by then.
parity('the fixtures give every policy Kyverno expresses a failure, and leave out exactly the others', () => {
  const failing = new Set(BATCHES.flatMap((_, i) => expectedFor(i).cluster.map((l) => l.split(' ')[0])));
  assert.equal([...failing].sort(), [...expressed].sort());
  assert.equal(policyCatalog().map((p) => p.id).filter((id) => !expressed.has(id)).sort(), Object.keys(NOT_EXPRESSIBLE).sort());
});

parity.run();
