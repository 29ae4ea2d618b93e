import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { asset, assetLocation, inSingleExecutable, listAssets, packageRoot, readAsset } from '../plugin/assets';
import { ROOT } from './helpers/cli';

// The single-executable side (node:sea) is exercised by test/e2e/krew.test.ts on the built binary.
const assets = suite('assets: outside a single executable, shipped files come from the package folder');

assets('a tsx-run test is not a single executable, so assets come from the checkout', () => {
  assert.is(inSingleExecutable(), false);
  assert.is(packageRoot(), ROOT);
  assert.is(asset('policies/build/policy.wasm'), join(ROOT, 'policies/build/policy.wasm'));
  assert.is(assetLocation('policies/build/policies.json'), join(ROOT, 'policies/build/policies.json'));
});

assets('readAsset returns the bytes without an encoding and the text with one', () => {
  const wasm = readAsset('policies/build/policy.wasm');
  assert.ok(Buffer.isBuffer(wasm));
  assert.equal(wasm, readFileSync(join(ROOT, 'policies/build/policy.wasm')));
  const kustomization = 'kustomize/crds/kustomization.yaml';
  assert.is(readAsset(kustomization, 'utf8'), readFileSync(join(ROOT, kustomization), 'utf8'));
});

assets('readAsset throws for a file the package does not ship', () => {
  assert.throws(() => readAsset('kustomize/none.yaml'), /ENOENT.*kustomize\/none\.yaml/);
});

assets('listAssets lists every file below a folder, recursively, as sorted /-paths from the package root', () => {
  const crds = readdirSync(join(ROOT, 'kustomize/crds')).map((name) => `kustomize/crds/${name}`).sort();
  assert.equal(listAssets('kustomize/crds'), crds);
  assert.equal(listAssets('kustomize/crds/'), crds);
  const infrastructure = listAssets('kustomize/infrastructure');
  assert.ok(infrastructure.includes('kustomize/infrastructure/postgresql/schema.sql'));
  assert.equal(infrastructure, [...infrastructure].sort());
  assert.not.ok(infrastructure.some((path) => path.startsWith('kustomize/crds/')));
});

assets.run();
