/** The few API calls the plugin makes: list a kind, server-side apply an object, discover an unknown kind. */
import { CliError } from '../errors';
import type { KubeObject } from '../model/kinds';
import { apiError, type ErrorContext, type Operation } from './errors';
import { send, type HttpRequest, type TransportOptions } from './http';
import { INVENTORY, isModelGroup, objectName, qualifiedName, resourcePath, type Resource } from './resources';

export const FIELD_MANAGER = 'kubectl-iot';

export interface ApplyOptions {
  dryRun: boolean;
  forceConflicts: boolean;
}

/** Talks to one API server; every failure is a CliError with one clear line. */
export class ApiClient {
  private readonly discovered = new Map<string, Promise<Resource[]>>();

  constructor(private readonly transport: TransportOptions, private readonly context: ErrorContext,
    private readonly pageSize = 500) {}

  /** Lists a kind in `namespace` (undefined: everywhere); `undefined` when an optional kind is not served. */
  async list(r: Resource, namespace?: string, optional = false): Promise<KubeObject[] | undefined> {
    const op: Operation = { verb: 'list', resource: qualifiedName(r), namespace, namespaced: r.namespaced,
      model: isModelGroup(r.apiVersion) };
    const items: KubeObject[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { limit: String(this.pageSize), ...(token ? { continue: token } : {}) };
      const response = await this.call({ method: 'GET', path: resourcePath(r, namespace), query }, op, optional);
      if (response === undefined) return undefined;
      const list = response as { items?: KubeObject[]; metadata?: { continue?: string } };
      for (const item of list.items ?? []) items.push(clean(item, r));
      token = list.metadata?.continue || undefined;
    } while (token);
    return items;
  }

  /** Server-side applies one object; returns kubectl's line for it. */
  async apply(object: KubeObject, defaultNamespace: string, options: ApplyOptions): Promise<string> {
    const r = await this.resourceFor(object.apiVersion, object.kind);
    const name = String(object.metadata.name);
    const namespace = r.namespaced ? (object.metadata.namespace ?? defaultNamespace) : undefined;
    const body = { ...object, metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) } };
    const shown = objectName(object.apiVersion, object.kind, name);
    const op: Operation = { verb: 'patch', resource: qualifiedName(r), namespace, namespaced: r.namespaced,
      model: isModelGroup(r.apiVersion), object: shown, forced: options.forceConflicts };
    const query: Record<string, string> = { fieldManager: FIELD_MANAGER };
    if (options.forceConflicts) query.force = 'true';
    if (options.dryRun) query.dryRun = 'All';
    // JSON is YAML, so the body can be sent as an apply patch as it is.
    await this.call({ method: 'PATCH', path: resourcePath(r, namespace, name), query, body: JSON.stringify(body),
      contentType: 'application/apply-patch+yaml' }, op);
    return `${shown} serverside-applied${options.dryRun ? ' (server dry run)' : ''}`;
  }

  /** Reads one object; undefined when it does not exist. */
  async get(apiVersion: string, kind: string, namespace: string, name: string): Promise<KubeObject | undefined> {
    const r = await this.resourceFor(apiVersion, kind);
    const op = this.operation('get', r, namespace, name);
    const found = await this.call({ method: 'GET', path: resourcePath(r, namespace, name) }, op, true);
    return found === undefined ? undefined : clean(found as KubeObject, r);
  }

  /** Creates an object (a rename's copy, a re-created project); returns kubectl's line for it. */
  async create(object: KubeObject): Promise<string> {
    const r = await this.resourceFor(object.apiVersion, object.kind);
    const namespace = r.namespaced ? object.metadata.namespace : undefined;
    const name = String(object.metadata.name);
    await this.call({ method: 'POST', path: resourcePath(r, namespace), query: { fieldManager: FIELD_MANAGER },
      body: JSON.stringify(object) }, this.operation('create', r, namespace, name));
    return `${objectName(object.apiVersion, object.kind, name)} created`;
  }

  /** Applies a JSON merge patch (a null removes a field, whoever set it); returns kubectl's line for it. */
  async mergePatch(apiVersion: string, kind: string, namespace: string, name: string, patch: unknown): Promise<string> {
    const r = await this.resourceFor(apiVersion, kind);
    const ns = r.namespaced ? namespace : undefined;
    await this.call({ method: 'PATCH', path: resourcePath(r, ns, name), query: { fieldManager: FIELD_MANAGER },
      body: JSON.stringify(patch), contentType: 'application/merge-patch+json' }, this.operation('patch', r, ns, name));
    return `${objectName(apiVersion, kind, name)} patched`;
  }

  /** Deletes an object and, with `wait`, returns once it is gone (finalizers done); kubectl's line for it. */
  async delete(apiVersion: string, kind: string, namespace: string, name: string, wait = false): Promise<string> {
    const r = await this.resourceFor(apiVersion, kind);
    const ns = r.namespaced ? namespace : undefined;
    await this.call({ method: 'DELETE', path: resourcePath(r, ns, name),
      body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' }) },
    this.operation('delete', r, ns, name));
    for (let tries = 0; wait && tries < 120; tries++) {
      if ((await this.get(apiVersion, kind, namespace, name)) === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return `${objectName(apiVersion, kind, name)} deleted`;
  }

  private operation(verb: Operation['verb'], r: Resource, namespace: string | undefined, name: string): Operation {
    return { verb, resource: qualifiedName(r), namespace, namespaced: r.namespaced, model: isModelGroup(r.apiVersion),
      object: objectName(r.apiVersion, r.kind, name) };
  }

  /** The resource of a kind: the model's from the table, any other from the server's discovery. */
  private async resourceFor(apiVersion: string, kind: string): Promise<Resource> {
    const known = INVENTORY.find((r) => r.apiVersion === apiVersion && r.kind === kind);
    if (known) return known;
    if (!this.discovered.has(apiVersion)) this.discovered.set(apiVersion, this.discover(apiVersion));
    const found = (await this.discovered.get(apiVersion))?.find((r) => r.kind === kind);
    if (found) return found;
    const op: Operation = { verb: 'get', resource: `${kind} (${apiVersion})`, namespaced: false,
      model: isModelGroup(apiVersion) };
    throw apiError(404, '', op, this.context);
  }

  private async discover(apiVersion: string): Promise<Resource[]> {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const op: Operation = { verb: 'get', resource: apiVersion, namespaced: false, model: isModelGroup(apiVersion) };
    type Discovery = { resources?: { name: string; kind: string; namespaced: boolean }[] };
    const list = (await this.call({ method: 'GET', path }, op)) as Discovery;
    return (list.resources ?? []).filter((r) => !r.name.includes('/'))
      .map((r) => ({ apiVersion, kind: r.kind, plural: r.name, namespaced: r.namespaced }));
  }

  /** Sends a request and parses the JSON answer; a 404 with `missingOk` yields undefined. */
  private async call(request: HttpRequest, op: Operation, missingOk = false): Promise<unknown> {
    const { status, body } = await send(this.transport, request);
    if (status >= 200 && status < 300) return parseJson(body, op, this.context);
    if (status === 404 && missingOk) return undefined;
    throw apiError(status, body, op, this.context);
  }
}

/** The answer as JSON; a proxy's HTML page (or anything else) becomes a CliError that does not quote it. */
function parseJson(body: string, op: Operation, context: ErrorContext): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new CliError(`${op.verb} ${op.resource}: the server at ${context.server} did not answer with JSON ` +
      '(is the kubeconfig pointing at a Kubernetes API server?)');
  }
}

/** An item of a list as the policy pack wants it: typed, without the server's bookkeeping of field owners. */
function clean(item: KubeObject, r: Resource): KubeObject {
  const { managedFields: _managed, ...metadata } = item.metadata ?? {};
  return { ...item, apiVersion: r.apiVersion, kind: r.kind, metadata };
}
