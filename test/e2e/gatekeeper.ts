/**
 * The real Gatekeeper manager (built by scripts/tools.d/gatekeeper-manager.sh) against the e2e API server, in
 * audit mode only: no webhook is registered, so the API server never calls it. Gatekeeper's CRDs come from its
 * downloaded module (KUBECTL_IOT_GATEKEEPER_MODULE), never from a copy in this repository.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { GATEKEEPER, verdict } from '../helpers/verdicts';
import { freePort, httpOk, launch, terminate, waitFor, type ApiServer } from './apiserver';

const NAMESPACE = 'gatekeeper-system';

export interface Gatekeeper {
  log: string;
  /** The last lines of the manager's log, for failure messages. */
  tail(lines?: number): string;
  /** How long each finished audit run took, in seconds, from the manager's log. */
  auditSeconds(): number[];
  stop(): Promise<void>;
}

/** The manager binary and Gatekeeper's CRD folder, or what is missing. */
export function findGatekeeper(): { manager?: string; crds?: string; missing: string[] } {
  const manager = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'gatekeeper-manager')).find((p) => existsSync(p));
  const module = process.env.KUBECTL_IOT_GATEKEEPER_MODULE;
  const crds = module ? join(module, 'charts', 'gatekeeper', 'crds') : undefined;
  const found = crds && existsSync(crds) ? crds : undefined;
  return { manager, crds: found, missing: [...(manager ? [] : ['gatekeeper-manager']), ...(found ? [] : ['Gatekeeper CRDs (KUBECTL_IOT_GATEKEEPER_MODULE)'])] };
}

/** Installs Gatekeeper's CRDs and starts the manager (audit every second), ready when its /readyz answers. */
export async function startGatekeeper(server: ApiServer): Promise<Gatekeeper> {
  const { manager, crds, missing } = findGatekeeper();
  if (!manager || !crds) throw new Error(`missing ${missing.join(', ')}: run scripts/install-tools.sh gatekeeper-manager`);
  server.kubectl(['apply', '-f', crds]);
  server.kubectl(['wait', '--for=condition=Established', '--timeout=60s', '-l', 'gatekeeper.sh/system=yes', 'crd']);
  server.kubectl(['create', 'namespace', NAMESPACE]);
  const dir = join(server.dir, 'gatekeeper');
  mkdirSync(join(dir, 'certs'), { recursive: true });
  mkdirSync(join(dir, 'audit'), { recursive: true }); // the audit fails when its cache folder is missing
  selfSignedPair(join(dir, 'certs'));
  const [health, metrics, port, prometheus] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const log = join(dir, 'manager.log');
  const args = [
    `--kubeconfig=${server.kubeconfig('admin', { name: 'gatekeeper' })}`,
    // generate: the template controller creates each template's Constraint CRD only under this operation.
    '--operation=audit', '--operation=status', '--operation=generate',
    '--debug-use-fake-pod', '--disable-cert-rotation', `--cert-dir=${join(dir, 'certs')}`,
    '--host=127.0.0.1', `--port=${port}`, `--health-addr=127.0.0.1:${health}`, `--metrics-addr=127.0.0.1:${metrics}`,
    `--prometheus-port=${prometheus}`, '--shutdown-delay=0',
    '--audit-interval=1', '--constraint-violations-limit=100', '--audit-match-kind-only', `--api-cache-dir=${join(dir, 'audit')}`,
  ];
  const child = launch(manager, args, log, { ...process.env, POD_NAMESPACE: NAMESPACE });
  const tail = (lines = 30) => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-lines - 1).join('\n') : '');
  try {
    await waitFor(() => exitedOr(child, httpOk(`http://127.0.0.1:${health}/readyz`)), 'the Gatekeeper manager', log, 60_000);
  } catch (error) {
    await terminate(child);
    throw error;
  }
  const auditSeconds = () => [...readFileSync(log, 'utf8').matchAll(/"auditing is complete".*?"duration":"([\d.]+)(ms|s)"/g)]
    .map((m) => Number(m[1]) / (m[2] === 'ms' ? 1000 : 1));
  return { log, tail, auditSeconds, stop: () => terminate(child) };
}

/** Fails fast when the manager died instead of waiting for the whole timeout. */
async function exitedOr(child: ChildProcess, ready: Promise<boolean>): Promise<boolean> {
  if (child.exitCode !== null) throw new Error(`the Gatekeeper manager exited with ${child.exitCode}`);
  return ready;
}

/** Even in audit mode the manager watches a key pair in --cert-dir and exits without one; nothing connects to it. */
function selfSignedPair(dir: string): void {
  const result = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl could not make the webhook's key pair: ${result.stderr}${result.error ?? ''}`);
}

type Json = Record<string, any>;

/** Polls `probe` every 500 ms until it returns a value, or throws `what` with the manager's log tail. */
export async function poll<T>(gatekeeper: Gatekeeper, what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s; last lines of the manager's log:\n${gatekeeper.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Installs the export as its README says: the sync Config, the templates, and the Constraints once every
 * template's CRD is established and the manager reports each template created. Returns the Constraint kinds.
 */
export async function installExport(server: ApiServer, gatekeeper: Gatekeeper): Promise<string[]> {
  server.kubectl(['apply', '-f', join(GATEKEEPER, 'config.yaml')]);
  server.kubectl(['apply', '-f', join(GATEKEEPER, 'templates')]);
  const constraints = join(GATEKEEPER, 'constraints');
  const kinds = readdirSync(constraints).sort()
    .map((file) => /^kind: (\S+)$/m.exec(readFileSync(join(constraints, file), 'utf8'))?.[1] ?? file);
  await poll(gatekeeper, 'the ConstraintTemplates were not all created', () => {
    const templates = (getJson(server, ['get', 'constrainttemplates'])?.items ?? []) as Json[];
    const created = new Set(templates.filter((t) => t.status?.created === true).map((t) => t.metadata.name));
    return kinds.every((kind) => created.has(kind.toLowerCase())) ? true : undefined;
  });
  server.kubectl(['wait', '--for=condition=Established', '--timeout=60s',
    ...kinds.map((kind) => `crd/${kind.toLowerCase()}.constraints.gatekeeper.sh`)]);
  server.kubectl(['apply', '-f', constraints]);
  return kinds;
}

/** `kubectl get ARGS -o json`, or undefined when the object is not there (yet). */
export function getJson(server: ApiServer, args: string[]): Json | undefined {
  try {
    return JSON.parse(server.kubectl([...args, '-o', 'json']));
  } catch {
    return undefined;
  }
}

export interface Audit {
  /** The oldest status.auditTimestamp among the Constraints, in ms (0 when one has none yet). */
  oldest: number;
  verdicts: string[];
  /** Constraints whose totalViolations differs from the length of their status.violations. */
  truncated: string[];
}

/** Every Constraint's audit results as check's verdict lines: deny is error, warn warning. */
export function readAudit(server: ApiServer): Audit {
  const constraints = (getJson(server, ['get', 'constraints'])?.items ?? []) as Json[];
  const stamps = constraints.map((c) => Date.parse(c.status?.auditTimestamp ?? '') || 0);
  const verdicts = constraints.flatMap((c) => ((c.status?.violations ?? []) as Json[]).map((v) =>
    verdict(c.metadata.name, { deny: 'error', warn: 'warning' }[v.enforcementAction as string] ?? v.enforcementAction,
      { kind: v.kind, namespace: v.namespace, name: v.name }, v.message))).sort();
  const truncated = constraints.filter((c) => (c.status?.totalViolations ?? 0) !== (c.status?.violations ?? []).length)
    .map((c) => `${c.kind}/${c.metadata.name}`);
  return { oldest: constraints.length ? Math.min(...stamps) : 0, verdicts, truncated };
}
