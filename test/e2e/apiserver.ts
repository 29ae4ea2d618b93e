/**
 * A real Kubernetes API server for end-to-end tests: etcd and kube-apiserver (built by scripts/install-tools.sh)
 * on free loopback ports in a temporary folder, static tokens for an admin and a viewer without rights, RBAC on,
 * the project's CRDs installed. No kubelet or controllers: CRDs, namespaces, server-side apply and status work.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ROOT } from '../helpers/cli';

export type User = 'admin' | 'viewer';

export interface ApiServer {
  url: string;
  dir: string;
  tokens: Record<User, string>;
  /** Writes a kubeconfig for `user` (options: another server URL, the context's namespace) and returns its path. */
  kubeconfig(user: User, options?: { server?: string; namespace?: string; name?: string }): string;
  /** Runs kubectl as the admin; throws with its stderr when it fails. */
  kubectl(args: string[], input?: string): string;
  stop(): Promise<void>;
}

/** The etcd and kube-apiserver binaries on PATH, or the names of those missing. */
export function findTools(): { etcd?: string; apiserver?: string; missing: string[] } {
  const find = (name: string) => (process.env.PATH ?? '').split(delimiter).map((d) => join(d, name)).find((p) => existsSync(p));
  const etcd = find('etcd');
  const apiserver = find('kube-apiserver');
  return { etcd, apiserver, missing: [...(etcd ? [] : ['etcd']), ...(apiserver ? [] : ['kube-apiserver'])] };
}

const children = new Set<ChildProcess>();
// A crashed test run must not leave servers behind.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts etcd and kube-apiserver, waits until ready, installs the CRDs; `stop` undoes everything. */
export async function startApiServer(): Promise<ApiServer> {
  const tools = findTools();
  if (!tools.etcd || !tools.apiserver) throw new Error(`missing ${tools.missing.join(', ')}: run scripts/install-tools.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'kubectl-iot-apiserver-'));
  const started: ChildProcess[] = [];
  const stop = async () => {
    for (const child of started.reverse()) await terminate(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [etcdPort, peerPort, port] = [await freePort(), await freePort(), await freePort()];
    started.push(launch(tools.etcd, etcdArgs(dir, etcdPort, peerPort), join(dir, 'etcd.log')));
    await waitFor(() => httpOk(`http://127.0.0.1:${etcdPort}/health`), 'etcd', join(dir, 'etcd.log'));
    const tokens = { admin: randomBytes(24).toString('hex'), viewer: randomBytes(24).toString('hex') };
    writeCredentials(dir, tokens);
    started.push(launch(tools.apiserver, apiserverArgs(dir, etcdPort, port), join(dir, 'apiserver.log')));
    const url = `https://127.0.0.1:${port}`;
    await waitFor(() => httpOk(`${url}/readyz`, tokens.admin), 'kube-apiserver', join(dir, 'apiserver.log'));
    const server = makeServer(dir, url, tokens, stop);
    server.kubectl(['apply', '-k', join(ROOT, 'kustomize', 'crds')]);
    server.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
    return server;
  } catch (error) {
    await stop();
    throw error;
  }
}

function makeServer(dir: string, url: string, tokens: Record<User, string>, stop: () => Promise<void>): ApiServer {
  const ca = join(dir, 'certs', 'apiserver.crt');
  const kubeconfig: ApiServer['kubeconfig'] = (user, options = {}) => {
    const file = join(dir, `${options.name ?? user}.kubeconfig`);
    const context = { cluster: 'e2e', user, ...(options.namespace ? { namespace: options.namespace } : {}) };
    writeFileSync(file, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'e2e',
      clusters: [{ name: 'e2e', cluster: { server: options.server ?? url, 'certificate-authority': ca } }],
      users: [{ name: user, user: { token: tokens[user] } }],
      contexts: [{ name: 'e2e', context }],
    }, null, 2));
    return file;
  };
  const admin = kubeconfig('admin');
  return {
    url, dir, tokens, kubeconfig, stop,
    kubectl(args, input) {
      const result = spawnSync('kubectl', ['--kubeconfig', admin, ...args], { encoding: 'utf8', input, timeout: 120_000, maxBuffer: 256 << 20 });
      if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}${result.error ?? ''}`);
      return result.stdout;
    },
  };
}

function etcdArgs(dir: string, port: number, peer: number): string[] {
  return [
    '--name=e2e', `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=http://127.0.0.1:${port}`, `--advertise-client-urls=http://127.0.0.1:${port}`,
    `--listen-peer-urls=http://127.0.0.1:${peer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-cluster=e2e=http://127.0.0.1:${peer}`, '--log-level=error', '--unsafe-no-fsync',
  ];
}

function apiserverArgs(dir: string, etcdPort: number, port: number): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${etcdPort}`,
    '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${port}`,
    // Without --tls-cert-file the server signs its own serving certificate into --cert-dir.
    `--cert-dir=${join(dir, 'certs')}`,
    `--token-auth-file=${join(dir, 'tokens.csv')}`, '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${join(dir, 'sa.pub')}`, `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
    '--service-cluster-ip-range=10.0.0.0/24', '--enable-priority-and-fairness=false', '--profiling=false',
  ];
}

function writeCredentials(dir: string, tokens: Record<User, string>): void {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  // token,user,uid[,"groups"]: the viewer belongs to no group, so RBAC grants it nothing.
  writeFileSync(join(dir, 'tokens.csv'), `${tokens.admin},admin,1,"system:masters"\n${tokens.viewer},viewer,2\n`);
  mkdirSync(join(dir, 'certs'), { recursive: true });
}

export function launch(binary: string, args: string[], log: string, env?: NodeJS.ProcessEnv): ChildProcess {
  const fd = openSync(log, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd], env: env ?? process.env });
  closeSync(fd);
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitFor(ready: () => Promise<boolean>, what: string, log: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s; last lines of its log:\n${tail}`);
}

export function httpOk(url: string, token?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = client(url, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      rejectUnauthorized: false,
      timeout: 2000,
    }, (res: IncomingMessage) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
