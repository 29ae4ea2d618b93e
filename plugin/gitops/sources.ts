/**
 * What the Argo CD Applications (and ApplicationSets) and Flux Kustomizations of a tree deploy: for each source
 * in this repository, the folder and how the tool renders it and where its objects land; for each other
 * source, why it is not checked. Pure: reads no file but the one test for a folder and a Helm chart.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { KubeObject } from '../model/kinds';
import type { SourceRef } from '../policy/types';
import { applicationSetApps } from './appset';
import { argoConfigs, argoWithoutHelm } from './argocd-config';
import { headOf } from '../policy/encoded';
import { fluxFields, hasFluxFields, type FluxMerge } from './flux-kustomize';
import { isThisRepository, type Repository } from './repository';
import type { FluxWalk } from './read-walk';
import { sourceIgnore } from './source-ignore';

/** A folder of this repository that an Application or Kustomization renders. */
export interface RenderedSource {
  /** The object that deploys it, as messages name it: `Application argocd/iot-tenants`. */
  owner: string;
  at?: SourceRef;
  engine: 'argocd' | 'flux';
  /** Absolute folder. */
  dir: string;
  /** The namespace of namespaced objects that name none (Argo CD's spec.destination.namespace). */
  defaultNamespace?: string;
  /** The namespace of every namespaced object (Flux's spec.targetNamespace, Argo CD's source.kustomize.namespace). */
  targetNamespace?: string;
  /** A plain folder's subfolders too (Flux always; Argo CD with directory.recurse). */
  recurse: boolean;
  /** Argo CD's directory.include and directory.exclude globs for a plain folder (argo-glob.ts). */
  include?: string;
  exclude?: string;
  /** Flux's post-build variables (postBuild.substitute and what substituteFrom names; see fluxVariables). */
  substitute?: Record<string, string>;
  /**
   * Some of them are unknown here (a substituteFrom object the tree lacks, or encrypted): a variable without a value
   * stays as written, not emptied or defaulted, so what the cluster's values would decide is not guessed.
   */
  variablesIncomplete?: true;
  /** A Flux Kustomization's kustomize fields, merged into the folder's kustomization (flux-kustomize.ts). */
  merge?: FluxMerge;
  /** How Flux reads its folders without a kustomization: from the GitRepository's artifact (read-walk.ts). */
  flux?: FluxWalk & { ignore?: string };
  /**
   * Why the tool builds a kustomization without --enable-helm, so that its helmCharts fail there (Flux always;
   * Argo CD when the tree's argocd-cm says so, see argocd-config.ts); undefined: it builds with it.
   */
  withoutHelm?: string;
}

/** A source that is not rendered, or only in part, and why (printed as a warning: never skipped silently). */
export interface UncheckedSource {
  owner: string;
  at?: SourceRef;
  /** `not checked: ...`, or what of the source is left out (`rendered without ...`). */
  reason: string;
}

export interface Sources {
  rendered: RenderedSource[];
  unchecked: UncheckedSource[];
}

/** An object of the tree and where it was read. */
export interface Located {
  object: KubeObject;
  source?: SourceRef;
}

/** Whether an object deploys a source: an Argo CD Application or ApplicationSet, or a Flux Kustomization. */
export function deploysSources(object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  // The kind first: check asks this of every object, and few are of these kinds.
  const { kind } = object;
  if (kind === 'Application' || kind === 'ApplicationSet') return inGroup(object.apiVersion, 'argoproj.io');
  return kind === 'Kustomization' && inGroup(object.apiVersion, 'kustomize.toolkit.fluxcd.io');
}

/** Whether `apiVersion` (GROUP/VERSION, or GROUP) is of `group`. */
function inGroup(apiVersion: string | undefined, group: string): boolean {
  return apiVersion?.split('/')[0] === group;
}

/**
 * The sources the tree's Applications, ApplicationSets and Kustomizations deploy (`all`: to find GitRepositories).
 * `argo`: the tree's Argo CD configs (argoConfigs of `all`), for a caller that asks many times of one tree.
 */
export function findSources(objects: Located[], all: Located[], repository: Repository,
  argo: () => Located[] = once(() => argoConfigs(all))): Sources {
  const found: Sources = { rendered: [], unchecked: [] };
  for (const { object, source } of objects) {
    if (!deploysSources(object)) continue;
    const owner = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    if (object.kind === 'Application') argoSources(object, owner, source, argo(), repository, found);
    else if (object.kind === 'ApplicationSet') {
      const generated = applicationSetApps(object, repository);
      for (const reason of generated.unchecked) found.unchecked.push({ owner, at: source, reason });
      for (const app of generated.apps) argoSources(app, `${owner} (Application ${app.metadata.name})`, source, argo(), repository, found);
    } else fluxSource(object, owner, source, all, repository, found);
  }
  return found;
}

function argoSources(app: KubeObject, owner: string, at: SourceRef | undefined, configs: Located[], repository: Repository,
  found: Sources): void {
  const spec = record(app.spec);
  const destination = record(spec.destination);
  const list = Array.isArray(spec.sources) ? spec.sources.map(record) : [record(spec.source)];
  for (const source of list) {
    // A multi-source Application's `ref` source only lends values files to the others: it renders nothing.
    if (source.ref !== undefined && source.path === undefined && source.chart === undefined) continue;
    const unchecked = (reason: string) => found.unchecked.push({ owner, at, reason: `not checked: ${reason}` });
    if (source.chart !== undefined) { unchecked(`Helm chart ${String(source.chart)} from ${String(source.repoURL)}`); continue; }
    if (!isThisRepository(repository, source.repoURL)) {
      unchecked(`its source ${String(source.repoURL ?? '(no repoURL)')} is another repository than the one checked`);
      continue;
    }
    const plugin = record(source.plugin);
    if (source.plugin !== undefined && plugin.name !== 'kubectl-iot') {
      unchecked(`it renders through the Config Management Plugin ${String(plugin.name ?? '(discovered)')}`);
      continue;
    }
    const dir = inRepository(repository, source.path, unchecked);
    if (!dir) continue;
    if (existsSync(join(dir, 'Chart.yaml'))) { unchecked(`${String(source.path)} is a Helm chart`); continue; }
    const kustomize = record(source.kustomize);
    const ignored = [
      ...['jsonnet'].filter((f) => record(source.directory)[f] !== undefined).map((f) => `directory.${f}`),
      ...Object.keys(kustomize).filter((f) => f !== 'namespace' && f !== 'version').map((f) => `kustomize.${f}`),
    ];
    if (ignored.length > 0) found.unchecked.push({ owner, at, reason: `rendered without its source's ${ignored.join(', ')} (not applied by kubectl iot)` });
    found.rendered.push({
      owner, at, engine: 'argocd', dir,
      defaultNamespace: text(destination.namespace),
      targetNamespace: text(kustomize.namespace),
      recurse: record(source.directory).recurse === true,
      ...globs(record(source.directory)),
      withoutHelm: argoWithoutHelm(configs, app.metadata.namespace, text(kustomize.version)),
    });
  }
}

/** An Argo CD directory source's include and exclude patterns (strings; anything else is no pattern). */
function globs(directory: Record<string, unknown>): { include?: string; exclude?: string } {
  const found: { include?: string; exclude?: string } = {};
  if (typeof directory.include === 'string' && directory.include !== '') found.include = directory.include;
  if (typeof directory.exclude === 'string' && directory.exclude !== '') found.exclude = directory.exclude;
  return found;
}

function fluxSource(ks: KubeObject, owner: string, at: SourceRef | undefined, all: Located[], repository: Repository,
  found: Sources): void {
  const spec = record(ks.spec);
  const ref = record(spec.sourceRef);
  const unchecked = (reason: string) => found.unchecked.push({ owner, at, reason: `not checked: ${reason}` });
  const partly = (reason: string) => found.unchecked.push({ owner, at, reason });
  if (ref.kind !== 'GitRepository') {
    return void unchecked(`its source is ${ref.kind === undefined ? 'not set' : `${String(ref.kind)} ${String(ref.name)}`}, not a GitRepository`);
  }
  const namespace = text(ref.namespace) ?? ks.metadata.namespace;
  // By the heads: reading .object of every entry would parse each object a worker sent as text (policy/encoded.ts).
  const git = all.find((located) => {
    const { apiVersion, kind, metadata } = headOf(located);
    return kind === 'GitRepository' && apiVersion.startsWith('source.toolkit.fluxcd.io/') && metadata.name === ref.name &&
      (metadata.namespace ?? namespace) === namespace;
  })?.object;
  const url = git ? record(git.spec).url : undefined;
  // A GitRepository the tree lacks (flux bootstrap wrote it elsewhere) is this repository only when no URL is known.
  if (git ? !isThisRepository(repository, url) : repository.urls.size > 0) {
    return void unchecked(git ? `its GitRepository ${namespace}/${String(ref.name)} is ${String(url)}, another repository`
      : `its GitRepository ${namespace}/${String(ref.name)} is not in the checked tree`);
  }
  const dir = inRepository(repository, spec.path ?? './', unchecked);
  if (!dir) return;
  const ignore = git && typeof record(git.spec).ignore === 'string' ? record(git.spec).ignore as string : undefined;
  const flux = { ...artifactOf(repository, ignore), ignore };
  const merge: FluxMerge | undefined = hasFluxFields(spec) ? { root: repository.root, spec: fluxFields(spec), flux } : undefined;
  found.rendered.push({
    owner, at, engine: 'flux', dir, flux, ...(merge ? { merge } : {}),
    targetNamespace: text(spec.targetNamespace),
    recurse: true,
    ...fluxVariables(record(spec.postBuild), ks.metadata.namespace ?? 'default', all, partly),
    withoutHelm: "Flux's kustomize-controller never runs kustomize with --enable-helm; deploy the chart with a Flux HelmRelease instead",
  });
}

const artifacts = new WeakMap<Repository, Map<string | undefined, FluxWalk>>();

/** The artifact filter of the repository with a GitRepository's spec.ignore: made once per reading of the tree. */
function artifactOf(repository: Repository, ignore: string | undefined): FluxWalk {
  let known = artifacts.get(repository);
  if (!known) artifacts.set(repository, known = new Map());
  let walk = known.get(ignore);
  if (!walk) known.set(ignore, walk = { leftOut: sourceIgnore(repository.root, ignore) });
  return walk;
}

/**
 * A Flux Kustomization's post-build variables, as kustomize-controller gathers them: the data of each
 * postBuild.substituteFrom ConfigMap and Secret in the Kustomization's namespace, in order (a later one's keys win),
 * then the inline postBuild.substitute values, which win over all. Only those the tree holds are known: one the tree
 * lacks (it may be in the cluster), or a Secret encrypted with SOPS, gives no variables, with a warning through
 * `partly`. Undefined when the Kustomization has neither field, as Flux then substitutes nothing at all.
 */
function fluxVariables(postBuild: Record<string, unknown>, namespace: string, all: Located[],
  partly: (reason: string) => void): Pick<RenderedSource, 'substitute' | 'variablesIncomplete'> {
  const from = postBuild.substituteFrom;
  if (postBuild.substitute === undefined && from === undefined) return {};
  const values: Record<string, string> = {};
  let complete = true;
  for (const ref of (Array.isArray(from) ? from : []).map(record)) {
    const { kind } = ref;
    const name = text(ref.name);
    const what = `${String(kind)} ${namespace}/${String(name)}`;
    if ((kind !== 'ConfigMap' && kind !== 'Secret') || name === undefined) {
      partly(`rendered without postBuild.substituteFrom ${what}: only a named ConfigMap or Secret holds variables`);
      complete = false;
      continue;
    }
    // By the heads, as for GitRepositories; an object without a namespace is taken to be in the Kustomization's.
    const object = all.find((located) => {
      const { apiVersion, kind: its, metadata } = headOf(located);
      return its === kind && apiVersion === 'v1' && metadata.name === name && (metadata.namespace ?? namespace) === namespace;
    })?.object as (KubeObject & { data?: unknown; stringData?: unknown; sops?: unknown }) | undefined;
    const missing = ref.optional === true ? '' : ' (Flux fails the Kustomization if the cluster lacks it too)';
    const unknown = !object ? `it is not in the checked tree${missing}` : object.sops !== undefined ? 'it is encrypted with SOPS' : undefined;
    if (unknown === undefined) Object.assign(values, variablesOf(object!));
    else {
      partly(`rendered without the variables of ${what}: ${unknown}; variables without a value stay as written`);
      complete = false;
    }
  }
  for (const [key, value] of Object.entries(record(postBuild.substitute))) values[key] = String(value);
  return { substitute: values, ...(complete ? {} : { variablesIncomplete: true as const }) };
}

/** The variables a ConfigMap's data, or a Secret's data (base64) and stringData (which wins, as the API server merges it), define. */
function variablesOf(object: { kind: string; data?: unknown; stringData?: unknown }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(record(object.data))) {
    if (typeof value === 'string') values[key] = object.kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value;
  }
  if (object.kind === 'Secret') for (const [key, value] of Object.entries(record(object.stringData))) values[key] = String(value);
  return values;
}

/** The folder a repository path names, or undefined (and why) when it leaves the repository or does not exist. */
function inRepository(repository: Repository, path: unknown, unchecked: (reason: string) => void): string | undefined {
  const value = typeof path === 'string' && path !== '' ? path : '.';
  const dir = resolve(repository.root, value);
  const rel = relative(repository.root, dir);
  if (isAbsolute(value) || rel.startsWith('..') || isAbsolute(rel)) return void unchecked(`path ${value} leaves the repository`);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return void unchecked(`path ${value} is not a folder of ${repository.root}`);
  return dir;
}

/** `make`'s value, made on the first call. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
