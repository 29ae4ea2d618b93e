/**
 * A large folder is parsed on worker threads (threads/pool.ts); what the reader returns must not depend on it.
 * The same folders are read in this thread and on two real workers, and the objects (or the error lines) must
 * be the same, in the same order: good files, every file of the bad-input corpus, a file swapped for a folder,
 * an unreadable one, and one over the size limit.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readInventory } from '../../plugin/gitops/read';
import type { ParsedFile } from '../../plugin/gitops/read-file';
import { EncodedObject, jsonOf } from '../../plugin/policy/encoded';
import { loadPolicies } from '../../plugin/policy/engine';
import { startPool, type ThreadPool } from '../../plugin/threads/pool';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { KUSTOMIZE } from '../helpers/kustomize';

const test = suite('read: worker threads');
const BAD = join(ROOT, 'test', 'fixtures', 'bad');

const project = (ns: string, name: string) =>
  `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec: {}\n`;

let pool: ThreadPool | undefined;
test.before(async () => {
  pool = startPool((await loadPolicies()).module, 2);
});
test.after(async () => {
  await pool?.close();
});

/** readInventory's objects, or its error's lines, as one comparable text. */
async function outcome(dir: string, parallel: boolean): Promise<string> {
  let asked = 0;
  try {
    const objects = await readInventory([dir], {
      kustomize: KUSTOMIZE,
      defaultNamespace: 'default',
      parallel: parallel ? () => {
        asked++;
        return (files) => pool!.run<ParsedFile[]>({ op: 'parse', files });
      } : undefined,
    });
    if (parallel) assert.is(asked, 1, 'a large walk asks for the workers once');
    return JSON.stringify(objects);
  } catch (error) {
    if (parallel) assert.is(asked, 1, 'a large walk asks for the workers once');
    return `error: ${(error as Error).message}`;
  }
}

test('objects parsed on workers keep the JSON text a batch is made of, unless the reader changed them', async () => {
  const { dir, cleanup } = tempDir();
  try {
    goodFiles(dir, 70);
    // One object without a namespace: the reader defaults it, so that object is parsed and its text dropped.
    writeFileSync(join(dir, 'z-nameless.yaml'), project('', 'nameless').replace('  namespace: \n', ''));
    const objects = await readInventory([dir], {
      kustomize: KUSTOMIZE,
      defaultNamespace: 'fallback',
      parallel: () => (files) => pool!.run<ParsedFile[]>({ op: 'parse', files }),
    });
    const kept = objects.filter((located) => located instanceof EncodedObject && located.json !== undefined);
    assert.is(kept.length, 140);
    const defaulted = objects.find((located) => located.object.metadata.name === 'nameless')!;
    assert.is(defaulted.object.metadata.namespace, 'fallback');
    assert.is(jsonOf(defaulted), JSON.stringify(defaulted.object));
  } finally {
    cleanup();
  }
});

function goodFiles(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const name = String(i).padStart(3, '0');
    writeFileSync(join(dir, `p-${name}.yaml`), `${project(`ns${i % 7}`, `p${name}`)}---\n${project(`ns${i % 7}`, `q${name}`)}`);
  }
}

test('a folder of good files gives the same objects, in the same order', async () => {
  const { dir, cleanup } = tempDir();
  try {
    goodFiles(dir, 150);
    const here = await outcome(dir, false);
    assert.ok(here.startsWith('['), here.slice(0, 200));
    assert.is(JSON.parse(here).length, 300);
    assert.is(await outcome(dir, true), here);
  } finally {
    cleanup();
  }
});

test('every bad file, an unreadable file and an oversized one give the same error lines', async () => {
  const { dir, cleanup } = tempDir();
  try {
    goodFiles(dir, 70);
    for (const name of readdirSync(BAD)) {
      if (statSync(join(BAD, name)).isFile() && /\.(ya?ml|json)$/.test(name)) copyFileSync(join(BAD, name), join(dir, `bad-${name}`));
    }
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(33 * 1024 * 1024)}\n`);
    mkdirSync(join(dir, 'z-folder.yaml')); // a folder named like a manifest is walked, not read
    const here = await outcome(dir, false);
    assert.ok(here.startsWith('error: '), here.slice(0, 200));
    assert.ok(here.includes('big.yaml'), 'the oversized file is named');
    assert.is(await outcome(dir, true), here);
  } finally {
    cleanup();
  }
});

test('a small folder is read in this thread (workers are not asked for)', async () => {
  const { dir, cleanup } = tempDir();
  try {
    goodFiles(dir, 3);
    let asked = 0;
    await readInventory([dir], { kustomize: KUSTOMIZE, defaultNamespace: 'default', parallel: () => { asked++; return undefined; } });
    assert.is(asked, 0);
  } finally {
    cleanup();
  }
});

test.run();
