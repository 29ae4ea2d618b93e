import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from 'esbuild';
import { ROOT } from '../helpers/cli';

// The entry points of scripts/build.mjs. Build-only code (the CRD builders, the exporters, the Kyverno typings)
// lives in scripts/ so that it stays out of what users run; esbuild's metafile lists every module a bundle holds.
const ENTRIES = ['plugin/cli.ts', 'plugin/cluster/index.ts', 'plugin/threads/worker.ts'];

test('the plugin bundles hold no TypeScript from scripts/ (build-only code stays out of what users run)', async () => {
  const result = await build({
    absWorkingDir: ROOT, entryPoints: ENTRIES, outdir: join(ROOT, 'dist', 'unused'), bundle: true, platform: 'node',
    format: 'cjs', write: false, metafile: true, logLevel: 'silent', external: ['./cluster.cjs'],
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.includes('plugin/commands/init.ts'), 'the metafile lists the plugin\'s own modules');
  assert.equal(inputs.filter((path) => path.startsWith('scripts/') && path.endsWith('.ts')), []);
});

test.run();
