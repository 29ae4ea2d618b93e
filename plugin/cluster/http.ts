/**
 * One HTTP round trip to the API server, with the agent and headers client-node prepared (TLS, exec
 * credentials, proxies). A request that makes no progress for `timeoutMs` fails instead of hanging.
 *
 * Why not client-node's KubernetesObjectApi (1.4)? It can server-side apply (patch with fieldManager, force and
 * PatchStrategy.ServerSideApply worked against the e2e kube-apiserver) and list, but, measured there:
 * - answers are rebuilt into the typed model: fields the model lacks are dropped (ObjectSerializer on a Namespace
 *   loses an unknown metadata field) and timestamps become Dates ("…:05Z" reads back "…:05.000Z"), so the policies
 *   would no longer see what the API server sent;
 * - the URL path is lower-cased, so a bad name gets "the name of the object (Bad_Name) does not match the name on
 *   the URL (bad_name)" instead of the API server's validation message; errors are an ApiException whose message
 *   holds the Status body as an escaped JSON string and every response header, which errors.ts would have to undo;
 *   a kind the server does not serve is a plain Error ("Unrecognized API version and kind"), not a 404;
 * - each list or patch first GETs the group-version's discovery document; cluster/resources.ts knows the paths;
 * - there is no timeout: only an AbortSignal a middleware sets, a limit on the whole request rather than on a
 *   stalled socket, which would cut off a long paged list that is still making progress.
 * Import cost is no reason: bundled beside KubeConfig (loaded anyway) it adds 25 KB and no measurable time
 * (`node -e "require(bundle)"`, best of 10, Node 20: 240 vs 238 ms); only the unbundled package is slow (~1.2 s).
 */
import http from 'node:http';
import https from 'node:https';
import { buffer } from 'node:stream/consumers';
import { CliError } from '../errors';
import type { Secrets } from './secrets';

export interface HttpRequest {
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

export interface TransportOptions {
  /** The cluster's server URL, possibly with a path prefix (proxies such as Rancher use one). */
  server: string;
  /** Agent, headers and basic auth as client-node's KubeConfig.applyToHTTPSOptions set them. */
  request: https.RequestOptions;
  timeoutMs: number;
  secrets: Secrets;
  /** Receives one line per request with -v (never headers). */
  log?: (line: string) => void;
}

/** Sends a request; network failures become a CliError naming the server, HTTP errors are returned. */
export function send(options: TransportOptions, request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(options.server.replace(/\/+$/, '') + request.path);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'kubectl-iot' };
  for (const [key, value] of Object.entries(options.request.headers ?? {})) {
    if (value !== undefined) headers[key] = String(value);
  }
  if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  const client = url.protocol === 'http:' ? http : https;
  const started = Date.now();
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = client.request(url, {
      method: request.method,
      headers,
      agent: options.request.agent,
      auth: options.request.auth,
      timeout: options.timeoutMs,
    }, (res) => {
      buffer(res).then((body) => {
        const status = res.statusCode ?? 0;
        options.log?.(options.secrets.scrub(`${request.method} ${url.href} ${status} in ${Date.now() - started} ms`));
        resolve({ status, body: body.toString('utf8') });
      }, (error: Error) => reject(unreachable(options, error)));
    });
    // `timeout` fires when the socket is idle that long, while connecting as well as while waiting.
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => reject(unreachable(options, error)));
    req.end(request.body);
  });
}

/** "cannot reach the cluster at URL: reason", with the reason in words and no credential. */
export function unreachable(options: Pick<TransportOptions, 'server' | 'timeoutMs' | 'secrets'>,
  error: Error): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = REASONS[code] ?? (code === 'ETIMEDOUT' ? `no answer within ${options.timeoutMs / 1000} s` :
    TLS_CODES.test(code) ? `TLS: ${code} (check certificate-authority in the kubeconfig)` : error.message);
  return new CliError(options.secrets.scrub(`cannot reach the cluster at ${options.server}: ${reason}`));
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|HOSTNAME_MISMATCH|ERR_OSSL)/;
