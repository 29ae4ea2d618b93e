/**
 * Completion from a real cluster (etcd + kube-apiserver, see apiserver.ts): `kubectl __complete iot ...` with the
 * plugin and bin/kubectl_complete-iot on PATH offers the cluster's namespaces and the projects of the namespace,
 * within the lookup timeout; a user the API server refuses gets no candidates and a clean prompt.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTools } from '../helpers/ci';
import { BIN, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { findTools, startApiServer, type ApiServer } from './apiserver';

const e2e = suite('e2e: kubectl iot <TAB> completes from a real kube-apiserver');
const missing = findTools().missing;
let server: ApiServer;
let tmp: ReturnType<typeof tempDir>;
let links: string;

/** What `kubectl iot WORDS<TAB>` offers, with KUBECONFIG `kubeconfig`, and how long it took. */
function complete(words: string[], kubeconfig: string): { values: string[]; ms: number; stderr: string[] } {
  const kubectlDir = (process.env.PATH ?? '').split(delimiter).find((d) => existsSync(join(d, 'kubectl')));
  const env = { PATH: [links, dirname(process.execPath), kubectlDir, '/usr/bin', '/bin'].join(delimiter), HOME: tmp.dir,
    KUBECONFIG: kubeconfig, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME ?? join(String(process.env.HOME), '.cache') };
  const started = Date.now();
  const result = spawnSync('kubectl', ['__complete', 'iot', ...words], { env, encoding: 'utf8', timeout: 30_000 });
  const ms = Date.now() - started;
  assert.is(result.status, 0, result.stderr);
  const lines = result.stdout.split('\n').filter(Boolean);
  assert.is(lines.pop(), ':4');
  const stderr = result.stderr.split('\n').filter((l) => l !== '' && !/^\[Debug\]|^Completion ended with directive/.test(l));
  return { values: lines.map((l) => l.split('\t')[0]), ms, stderr };
}

e2e.before(async () => {
  if (missing.length > 0) return;
  tmp = tempDir('kubectl-iot-e2e-completion-');
  links = join(tmp.dir, 'bin');
  mkdirSync(links);
  symlinkSync(BIN, join(links, 'kubectl-iot'));
  symlinkSync(join(ROOT, 'bin', 'kubectl_complete-iot'), join(links, 'kubectl_complete-iot'));
  server = await startApiServer().catch((error: Error) => {
    process.stderr.write(`\ncould not start the API server: ${error.stack ?? error.message}\n`);
    throw error;
  });
  for (const ns of ['ns1', 'ns2']) server.kubectl(['create', 'namespace', ns]);
  server.kubectl(['apply', '--server-side', '-f', '-'], ['iot1', 'iot2'].map((name) =>
    `apiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: ${name}\n  namespace: ns1\n`).join('---\n') +
    '---\napiVersion: iot.enmasse.io/v1alpha1\nkind: IoTProject\nmetadata:\n  name: other\n  namespace: ns2\n');
});

e2e.after(async () => {
  await server?.stop();
  tmp?.cleanup();
});

if (requireTools(e2e, 'completion from a cluster', missing)) {
  e2e('namespaces from the cluster, projects of the context\'s namespace or of -n', () => {
    const admin = server.kubeconfig('admin', { namespace: 'ns1' });
    const namespaces = complete(['status', '-n', ''], admin);
    for (const ns of ['default', 'kube-system', 'ns1', 'ns2']) assert.ok(namespaces.values.includes(ns), ns);
    assert.equal(namespaces.stderr, []);
    assert.equal(complete(['status', '-n', 'ns'], admin).values, ['ns1', 'ns2']);
    const projects = complete(['recreate', 'project', ''], admin);
    assert.equal(projects.values, ['iot1', 'iot2']);
    assert.equal(complete(['status', 'project', '-n', 'ns2', ''], admin).values, ['other']);
    assert.equal(complete(['delete', 'iotproject', 'iot'], admin).values, ['iot1', 'iot2']);
    assert.equal(complete(['status', ''], admin).values, ['project', 'iot1', 'iot2']);
    console.log(`completion e2e: namespaces in ${namespaces.ms} ms, projects in ${projects.ms} ms (through kubectl)`);
  });

  e2e('a user the API server refuses gets no candidates and nothing on stderr', () => {
    const viewer = server.kubeconfig('viewer', { namespace: 'ns1' });
    const refused = complete(['recreate', 'project', ''], viewer);
    assert.equal(refused.values, []);
    assert.equal(refused.stderr, []);
  });
}

e2e.run();
