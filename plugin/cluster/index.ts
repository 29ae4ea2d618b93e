/**
 * The only module that talks to Kubernetes. @kubernetes/client-node loads the credentials (certificates, tokens,
 * exec plugins, auth providers, proxies); the requests themselves are plain HTTPS (see http.ts). Loaded lazily
 * via load.ts, bundled on its own as dist/cluster.cjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { CliError, messageOf } from '../errors';
import type { KubeObject } from '../model/kinds';
import { ApiClient, type ApplyOptions } from './client';
import { NO_KUBECONFIG, selectConfig, type SelectedConfig } from './kubeconfig';
import { INVENTORY } from './resources';
import { Secrets } from './secrets';

export type { ApplyOptions } from './client';

/** A request that makes no progress this long fails with "cannot reach the cluster". */
export const REQUEST_TIMEOUT_MS = 8000;
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** A connection to one cluster. */
export interface Cluster {
  /** The namespace commands use without -A: -n, else the context's, else "default". */
  readonly namespace: string;
  /** The API server's URL, for messages. */
  readonly server: string;
  /** Server-side applies objects with field manager kubectl-iot; returns one line per object for stderr. */
  apply(objects: KubeObject[], options: ApplyOptions): Promise<string[]>;
  /**
   * Lists the model's objects the policy pack needs (aliases when their CRDs exist) and all namespaces.
   * With `namespace` (or several), tenant-side kinds come from those namespaces only; infrastructure is read
   * everywhere.
   */
  inventory(namespace?: string | string[]): Promise<KubeObject[]>;
  /** One object, or undefined when it does not exist. */
  get(apiVersion: string, kind: string, namespace: string, name: string): Promise<KubeObject | undefined>;
  /** Creates an object; kubectl's line for it. */
  create(object: KubeObject): Promise<string>;
  /** Applies a JSON merge patch; kubectl's line for it. */
  mergePatch(apiVersion: string, kind: string, namespace: string, name: string, patch: unknown): Promise<string>;
  /** Deletes an object (with `wait`, until it is gone); kubectl's line for it. */
  delete(apiVersion: string, kind: string, namespace: string, name: string, wait?: boolean): Promise<string>;
}

/** What selects the cluster and namespace, as the commands' flags and environment give them. */
export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  /** -n; without it the context's namespace, else "default". */
  namespace?: string;
  /** Where each request's line goes (-v); nowhere without. */
  log?: (line: string) => void;
  /** $KUBECONFIG, $HOME and $KUBERNETES_SERVICE_HOST come from here (the command's context). */
  env: NodeJS.ProcessEnv;
}

/** Connects using --kubeconfig, $KUBECONFIG, --context and -n as kubectl does; never guesses localhost:8080. */
export async function connect(args: ClusterOptions): Promise<Cluster> {
  const secrets = new Secrets();
  const { env } = args;
  const selected = selectConfig({ kubeconfig: args.kubeconfig, context: args.context, env });
  const config = new KubeConfig();
  if (selected) {
    secrets.addUser(selected.user);
    const json = JSON.stringify(clientConfig(selected, secrets));
    guard(secrets, 'the kubeconfig is invalid', () => config.loadFromString(json));
  } else if (env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    config.loadFromCluster();
  } else {
    throw new CliError(NO_KUBECONFIG);
  }
  const server = config.getCurrentCluster()?.server ?? '';
  const request: RequestOptions = {};
  await authenticate(config, request, secrets, selected?.userName);
  secrets.add((request.headers as Record<string, unknown> | undefined)?.Authorization);
  secrets.add(request.auth);
  const log = args.log;
  const client = new ApiClient({ server, request, timeoutMs: REQUEST_TIMEOUT_MS, secrets, log },
    { server, user: selected?.userName, secrets });
  const namespace = args.namespace ?? selected?.namespace ??
    config.getContextObject(config.currentContext)?.namespace ?? 'default';
  return {
    namespace,
    server,
    async apply(objects, options) {
      const lines: string[] = [];
      // In order: a tenant before the project that needs it.
      for (const object of objects) lines.push(await client.apply(object, namespace, options));
      return lines;
    },
    get: (apiVersion, kind, ns, name) => client.get(apiVersion, kind, ns, name),
    create: (object) => client.create(object),
    delete: (apiVersion, kind, ns, name, wait) => client.delete(apiVersion, kind, ns, name, wait),
    mergePatch: (apiVersion, kind, ns, name, patch) => client.mergePatch(apiVersion, kind, ns, name, patch),
    async inventory(only) {
      const scopes = only === undefined ? [undefined] : [...new Set(typeof only === 'string' ? [only] : only)];
      const requests = INVENTORY.flatMap((r) => (r.clusterWide ? [undefined] : scopes).map((ns) => ({ r, ns })));
      const lists = await Promise.allSettled(requests.map(({ r, ns }) => client.list(r, ns, r.optional)));
      // Report the first failure in INVENTORY order, not whichever answer came first: messages stay stable.
      const failed = lists.find((l): l is PromiseRejectedResult => l.status === 'rejected');
      if (failed) throw failed.reason;
      return lists.flatMap((l) => (l.status === 'fulfilled' ? l.value ?? [] : []));
    },
  };
}

/** The selected entries as a one-context kubeconfig for client-node (which refuses duplicate names). */
function clientConfig(selected: SelectedConfig, secrets: Secrets): Record<string, unknown> {
  const cluster = { ...selected.cluster };
  // client-node only allows plain HTTP (e.g. `kubectl proxy`) when TLS verification is off, which means nothing there.
  if (String(cluster.server).startsWith('http:')) cluster['insecure-skip-tls-verify'] = true;
  const user = { ...selected.user };
  if (typeof user.tokenFile === 'string') {
    user.token = guard(secrets, `cannot read the tokenFile of user "${selected.userName}"`,
      () => readFileSync(String(user.tokenFile), 'utf8').trim());
    secrets.add(user.token);
    delete user.tokenFile;
  }
  const exec = user.exec as Record<string, unknown> | undefined;
  if (exec) user.exec = withExecInfo(exec);
  const userName = selected.userName ?? 'kubectl-iot-anonymous';
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: selected.clusterName, cluster }],
    users: [{ name: userName, user }],
    contexts: [{ name: selected.contextName, context: { cluster: selected.clusterName, user: userName,
      ...(selected.namespace ? { namespace: selected.namespace } : {}) } }],
    'current-context': selected.contextName,
  };
}

/** Exec plugins read KUBERNETES_EXEC_INFO (kubectl always sets it; client-node does not). */
function withExecInfo(exec: Record<string, unknown>): Record<string, unknown> {
  const env = Array.isArray(exec.env) ? exec.env : [];
  const info = { apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
    spec: { interactive: false } };
  return { ...exec, env: [...env, { name: 'KUBERNETES_EXEC_INFO', value: JSON.stringify(info) }] };
}

/** Runs client-node's authenticators (exec plugins included); their errors can quote credentials, so reword them. */
async function authenticate(config: KubeConfig, request: RequestOptions, secrets: Secrets,
  user?: string): Promise<void> {
  try {
    await config.applyToHTTPSOptions(request);
  } catch (error) {
    const exec = config.getCurrentUser()?.exec as { command?: string } | undefined;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = error instanceof SyntaxError ? 'it did not print an ExecCredential as JSON'
      : code === 'ENOENT' ? 'command not found' : firstLine(messageOf(error));
    const what = exec?.command ? `the exec credential plugin "${exec.command}" failed`
      : 'loading the credentials failed';
    throw new CliError(secrets.scrub(`cannot authenticate as user "${user ?? '(none)'}": ${what}: ${reason}`));
  }
}

function guard<T>(secrets: Secrets, what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new CliError(secrets.scrub(`${what}: ${firstLine(messageOf(error))}`));
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no reason given';
}
