import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, ROOT, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const lazy = suite('the cluster bundle is loaded only by commands that talk to a cluster (built binary)');
let tmp: ReturnType<typeof tempDir>;
lazy.before.each(() => {
  tmp = tempDir();
});
lazy.after.each(() => tmp.cleanup());

/** Runs the built binary with a preload that records every module it loaded; returns them and the exit code. */
function modulesLoadedBy(args: string[], env: Record<string, string> = {}): { code: number | null; modules: string[] } {
  runCli(['version']); // builds dist/ when missing
  const record = join(tmp.dir, 'modules.txt');
  const result = spawnSync(process.execPath, ['-r', join(ROOT, 'test/helpers/record-modules.cjs'), BIN, ...args], {
    cwd: tmp.dir, encoding: 'utf8', env: { ...process.env, ...env, RECORD_MODULES: record },
  });
  return { code: result.status, modules: readFileSync(record, 'utf8').trim().split('\n') };
}

const clientNode = (modules: string[]) => modules.filter((m) => /cluster\.cjs$|@kubernetes[\\/]client-node/.test(m));

lazy('create project -o yaml never loads dist/cluster.cjs or @kubernetes/client-node', () => {
  const { code, modules } = modulesLoadedBy(['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml']);
  assert.is(code, 0);
  assert.ok(modules.some((m) => m.endsWith(join('dist', 'kubectl-iot.cjs'))), 'the recorder saw the CLI bundle');
  assert.equal(clientNode(modules), []);
});

lazy('create tenant and create project -o json do not load it either', () => {
  assert.equal(clientNode(modulesLoadedBy(['create', 'tenant', '-n', 'ns1']).modules), []);
  assert.equal(clientNode(modulesLoadedBy(['create', 'project', 'iot1', '-n', 'ns1', '--create-tenant', '-o', 'json']).modules), []);
});

lazy('status does load it (the recorder would notice)', () => {
  const kubeconfig = join(tmp.dir, 'config');
  writeFileSync(kubeconfig, JSON.stringify({
    'current-context': 'c', contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }], users: [{ name: 'u', user: { token: 'x' } }],
  }));
  const { code, modules } = modulesLoadedBy(['status', '--kubeconfig', kubeconfig]);
  assert.is(code, 2);
  assert.equal(clientNode(modules), [join(ROOT, 'dist', 'cluster.cjs')]);
});

lazy.run();
