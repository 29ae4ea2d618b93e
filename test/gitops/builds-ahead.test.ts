/**
 * A walk's kustomize builds run as many at once as there are cores (gitops/kustomize.ts buildsAhead), each folder
 * gets its own build, and a build nobody takes may fail without an unhandled rejection. The runner here is a
 * stand-in that counts builds in flight (what is tested is the scheduling; the real kustomize runs in
 * read.test.ts, read-helm.test.ts and render-sources.test.ts); with the real one, a tree of kustomizations is read
 * into the same report (check of a tree of 12 kustomization folders, below).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildsAhead, type KustomizeRunner, type Rendered } from '../../plugin/gitops/kustomize';
import { runInProcess } from '../helpers/in-process';
import { tempDir } from '../helpers/tmp';
import { writeTree } from '../helpers/tree';

const test = suite('buildsAhead: kustomize builds of a walk, as many at once as there are cores');

/** A stand-in runner whose builds finish when released; it records the most builds in flight at once. */
function gatedRunner() {
  let inFlight = 0;
  const seen = { most: 0, started: [] as string[] };
  const gates = new Map<string, () => void>();
  const runner: KustomizeRunner = (dir) => {
    seen.started.push(dir);
    seen.most = Math.max(seen.most, ++inFlight);
    return new Promise<Rendered>((done, fail) => gates.set(dir, () => {
      inFlight--;
      if (dir.includes('broken')) fail(new Error(`${dir}: kustomize build failed`));
      else done({ text: `# ${dir}\n`, originBase: dir });
    }));
  };
  return { runner, seen, release: (dir: string) => gates.get(dir)?.() };
}

test('starts the next builds while one is awaited, never more than the cores at once, each for its own folder', async () => {
  const dirs = Array.from({ length: 7 }, (_, n) => `/tree/app-${n}`);
  const { runner, seen, release } = gatedRunner();
  const take = buildsAhead(dirs, runner);
  for (const dir of dirs) {
    const build = take(dir)!;
    assert.ok(seen.started.includes(dir));
    release(dir);
    assert.is((await build).originBase, dir);
  }
  assert.equal(seen.started, dirs, 'each folder built once, in walk order');
  assert.is(seen.most, Math.min(dirs.length, Math.max(1, availableParallelism())));
});

test('a build that is never taken may fail: no unhandled rejection, and the others are unaffected', async () => {
  const rejections: unknown[] = [];
  const listener = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', listener);
  try {
    const { runner, release } = gatedRunner();
    const take = buildsAhead(['/tree/a', '/tree/broken', '/tree/c'], runner);
    const first = take('/tree/a')!;
    release('/tree/a');
    release('/tree/broken'); // started ahead, skipped by the walk (a Component, say)
    await first;
    const third = take('/tree/c')!;
    release('/tree/c');
    assert.is((await third).originBase, '/tree/c');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(rejections, []);
  } finally {
    process.off('unhandledRejection', listener);
  }
});

test('check of a tree of kustomization folders, built concurrently by the real kustomize, reports every folder', async () => {
  const tmp = tempDir();
  try {
    const files: Record<string, string> = {};
    for (let n = 0; n < 12; n++) {
      files[`apps/app-${String(n).padStart(2, '0')}/kustomization.yaml`] = 'resources:\n- project.yaml\n';
      files[`apps/app-${String(n).padStart(2, '0')}/project.yaml`] =
        `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: iot${n}\n  namespace: ns${n}\nspec: {}\n`;
    }
    writeTree(tmp.dir, files);
    const run = await runInProcess(['check', '-o', 'json', join(tmp.dir, 'apps')]);
    assert.is(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { projects: { namespace: string; source: { file: string; line: number } }[] };
    assert.equal(report.projects.map((p) => [p.namespace, p.source.file, p.source.line]),
      Array.from({ length: 12 }, (_, n) => [`ns${n}`, `app-${String(n).padStart(2, '0')}/project.yaml`, 1])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  } finally {
    tmp.cleanup();
  }
});

test.run();
