/**
 * The fix round trip with the real commands: random inventories written as a GitOps tree (one file per object),
 * every distinct `kubectl iot` fix of `check` run as printed with --gitops-dir (in-process on the sources), then a re-check
 * with no error and every project Active (or Unknown for want of a Namespace's labels). The in-process property
 * (test/policy/remediations.test.ts, 1,000 runs) covers many more inventories against a model of the commands;
 * this one keeps that model honest.
 */
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import '../helpers/arbitraries'; // the seed every property of the run takes
import { stringify } from 'yaml';
import { checkJsonInProcess } from '../helpers/check';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';
import { distinct, randomInventory } from '../policy/inventories';

const cli = suite('property: random trees, every fix run as printed (in-process), come out clean');

const check = checkJsonInProcess;

cli('15 random inventories (fast-check seeds)', async () => {
  const { dir: root, cleanup } = tempDir('kubectl-iot-fix-cli-');
  let tree = 0;
  let ran = 0;
  try {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
      const dir = join(root, String(tree++));
      const { resources } = distinct(randomInventory(seed));
      writeTree(dir, Object.fromEntries(resources.map((o, i) => [`objects/${String(i).padStart(3, '0')}.yaml`, stringify(o)])));
      const fixes = [...new Set((await check(dir)).results.map((r) => r.remediation).filter((r) => r.startsWith('kubectl iot ')))];
      for (const fix of fixes) {
        const ran1 = await runInProcess([...fix.split(' ').slice(2), '--gitops-dir', dir]);
        assert.is(ran1.code, 0, `seed ${seed}: ${fix} --gitops-dir DIR: ${ran1.stderr}`);
        ran++;
      }
      const after = await check(dir);
      assert.equal(after.results.filter((r) => r.severity === 'error').map((r) => `${r.policy}: ${r.message}`), [],
        `seed ${seed} after ${fixes.join('; ')}`);
      assert.equal(after.projects.filter((p) => p.phase !== 'Active' && p.conditions[1]?.reason !== 'NamespaceLabelsUnknown')
        .map((p) => `${p.namespace}/${p.name}`), [], `seed ${seed}`);
    }), { numRuns: 15, endOnFailure: true });
  } finally {
    cleanup();
  }
  assert.ok(ran > 15, `the random trees should need fixes (${ran} ran)`);
});

cli.run();
