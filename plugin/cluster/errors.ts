/** Turns the API server's error answers into one line that says what is wrong and what fixes it. */
import { existsSync } from 'node:fs';
import { asset } from '../assets';
import { CliError } from '../errors';
import type { Secrets } from './secrets';

/** What the plugin was doing when the server said no. */
export interface Operation {
  verb: 'get' | 'list' | 'patch' | 'create' | 'delete';
  /** Qualified resource name, e.g. `iotprojects.iot.enmasse.io`. */
  resource: string;
  /** Undefined: all namespaces (or a cluster-scoped resource). */
  namespace?: string;
  namespaced: boolean;
  /** Whether the resource belongs to the model's CRDs (a 404 then means they are missing). */
  model: boolean;
  /** For writes: the object, as kubectl names it (`iotproject.iot.enmasse.io/iot1`). */
  object?: string;
  forced?: boolean;
}

export interface ErrorContext {
  server: string;
  user?: string;
  secrets: Secrets;
}

export const VIEWER_ROLE = 'kubectl-iot-viewer';
export const EDITOR_ROLE = 'kubectl-iot-editor';

/** The kustomization a fix points at: the folder shipped with the package, else its place in the sources. */
export function shippedKustomization(folder: 'crds' | 'rbac'): string {
  try {
    const path = asset(`kustomize/${folder}`);
    if (existsSync(path)) return path;
  } catch {
    // A single-file build carries no folders: fall through to the repository.
  }
  return `kustomize/${folder} of the kubectl-iot sources`;
}

/** The CliError for an HTTP error answer to `op`. */
export function apiError(status: number, body: string, op: Operation, context: ErrorContext): CliError {
  const server = parseStatus(body);
  const message = oneLine(server.message ?? (body.trim().slice(0, 200) || `HTTP ${status}`));
  return new CliError(context.secrets.scrub(describe(status, message, server.details, op, context)));
}

function describe(status: number, message: string, details: StatusDetails, op: Operation,
  context: ErrorContext): string {
  const where = !op.namespaced ? '' : op.namespace ? ` in namespace "${op.namespace}"` : ' in all namespaces';
  if (status === 401) {
    return `the cluster at ${context.server} rejected the credentials of user "${context.user ?? '(none)'}" ` +
      '(401 Unauthorized): they are missing, expired or wrong';
  }
  if (status === 403) {
    // The server names the verb it refused (an apply can need create as well as patch).
    const refused = /cannot (\w+) resource "([^"]+)"/.exec(message);
    const who = /User "([^"]*)"/.exec(message)?.[1] ?? context.user;
    const verb = refused?.[1] ?? op.verb;
    const role = verb === 'get' || verb === 'list' || verb === 'watch' ? VIEWER_ROLE : EDITOR_ROLE;
    return `forbidden: ${who ? `user "${who}"` : 'you'} cannot ${verb} ${op.resource}${where}: ` +
      `bind the ClusterRole ${role} to ${who ? 'this user' : 'you'} (defined in ${shippedKustomization('rbac')})`;
  }
  if (status === 404 && details.kind === 'namespaces' && details.name) {
    return `namespace "${details.name}" does not exist: kubectl create namespace ${details.name}`;
  }
  if (status === 404 && op.model) {
    return `the CRDs are not installed (the cluster at ${context.server} does not serve ${op.resource}): ` +
      `kubectl apply -k ${shippedKustomization('crds')}`;
  }
  if (status === 404) return `the cluster at ${context.server} does not serve ${op.resource}`;
  if (status === 409 && op.verb === 'patch' && !op.forced) {
    return `${op.object}: ${message}; re-run with --force-conflicts to take these fields over`;
  }
  const subject = op.object ?? `${op.verb} ${op.resource}${where}`;
  return `${subject}: ${message} (HTTP ${status})`;
}

/** A server message as one line: conflict lists ("...:\n- .spec.a\n- .spec.b") become "...: .spec.a, .spec.b". */
function oneLine(message: string): string {
  const [first, ...rest] = message.split('\n').map((l) => l.trim().replace(/^- /, '')).filter(Boolean);
  return rest.length === 0 ? first ?? '' : `${first} ${rest.join(', ')}`;
}

interface StatusDetails {
  kind?: string;
  name?: string;
}

function parseStatus(body: string): { message?: string; details: StatusDetails } {
  try {
    const value = JSON.parse(body) as { kind?: string; message?: unknown; details?: StatusDetails };
    if (value?.kind === 'Status') {
      return { message: typeof value.message === 'string' ? value.message : undefined, details: value.details ?? {} };
    }
  } catch {
    // Not JSON (a proxy's page, "404 page not found"): the caller quotes the start of the body.
  }
  return { details: {} };
}
