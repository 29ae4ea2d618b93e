/**
 * What the end-to-end tests against one API server share (cluster.test.ts and the tests it registers from
 * cluster-access.ts): the server, a scratch folder, the built plugin run through kubectl, and every output the
 * plugin gave, which the suite's last test checks for credentials. The bindings are live: they are set when the
 * suite's `before` hook has started the server.
 */
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { startApiServer, type ApiServer } from './apiserver';

export let server: ApiServer;
export let tmp: ReturnType<typeof tempDir>;
/** A kubeconfig for the cluster's admin, in namespace ns1. */
export let admin: string;
/** Every output of the plugin in this suite, checked for credentials at the end. */
export const outputs: string[] = [];

/** Starts the server (with namespaces ns1, ns2 and enmasse-infra) before the suite's tests, and stops it after them. */
export function useCluster(e2e: Test): void {
  e2e.before(async () => {
    tmp = tempDir('kubectl-iot-e2e-');
    // uvu swallows an error thrown by a hook (every test then just counts as failed): show why.
    server = await startApiServer().catch((error: Error) => {
      process.stderr.write(`\ncould not start the API server: ${error.stack ?? error.message}\n`);
      throw error;
    });
    server.kubectl(['create', 'namespace', 'ns1']);
    server.kubectl(['create', 'namespace', 'ns2']);
    server.kubectl(['create', 'namespace', 'enmasse-infra']);
    admin = server.kubeconfig('admin', { namespace: 'ns1' });
  });
  e2e.after(async () => {
    await server?.stop();
    tmp?.cleanup();
  });
}

/** `kubectl iot ARGS` with KUBECONFIG set to `kubeconfig` (undefined: no KUBECONFIG and an empty HOME). */
export function iot(args: string[], kubeconfig: string | undefined, options: { env?: Record<string, string> } = {}): CliResult {
  const env = { KUBECONFIG: kubeconfig, HOME: tmp.dir, ...options.env };
  const result = runCli(args, { viaKubectl: true, env, cwd: tmp.dir });
  outputs.push(result.stdout, result.stderr);
  return result;
}

export function json(result: CliResult): { projects: Record<string, any>[] } & Record<string, any> {
  assert.ok(result.code === 0 || result.code === 1, `exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

export const getJson = (args: string[]) => JSON.parse(server.kubectl([...args, '-o', 'json']));

/** Applies YAML with kubectl itself. */
export function applyYaml(yaml: string): void {
  server.kubectl(['apply', '--server-side', '-f', '-'], yaml);
}
