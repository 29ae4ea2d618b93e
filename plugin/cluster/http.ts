/**
 * One HTTP round trip to the API server, with the agent and headers client-node prepared (TLS, exec
 * credentials, proxies). A request that makes no progress for `timeoutMs` fails instead of hanging.
 */
import http from 'node:http';
import https from 'node:https';
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
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(unreachable(options, error)));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        options.log?.(options.secrets.scrub(`${request.method} ${url.href} ${status} in ${Date.now() - started} ms`));
        resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
      });
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
