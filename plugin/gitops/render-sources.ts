/**
 * A GitOps-aware inventory: the folders that the tree's Argo CD Applications (ApplicationSets) and Flux
 * Kustomizations deploy are read as those tools render them (kustomize build for a kustomization folder, plain
 * manifests otherwise), with their objects in the namespace the cluster will see: Argo CD's
 * spec.destination.namespace for objects without one, Flux's spec.targetNamespace for all, and Flux's inline
 * postBuild.substitute values applied.
 *
 * No double counting: a document that such a source renders is evaluated only as rendered (once per source
 * that renders it), never also as read plainly; documents no source renders stay as read. Sources outside the
 * repository are reported as not checked, one warning each.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { canonicalKind, DEFAULT_NAME, type KubeObject } from '../model/kinds';
import { EncodedObject, headOf, type ObjectHead } from '../policy/encoded';
import { withFluxFields } from './flux-kustomize';
import type { KustomizeRunner } from './kustomize';
import { readBatch, type Batch, type Entry } from './read';
import type { KnownFile } from './read-options';
import type { Repository } from './repository';
import { argoConfigs } from './argocd-config';
import { deploysSources, findSources, once, type RenderedSource, type UncheckedSource } from './sources';
import { substituteVariables } from './substitute';
import { realPathOr, relativeTo as pathFrom } from './read-paths';
import { argoReads } from './argo-glob';
import type { Excluded } from './exclude';
import { fluxLeavesOut, JSONNET } from './read-walk';

export interface GitopsOptions {
  repository: Repository;
  /** The folder shown file names are relative to (the main reader's). */
  relativeTo: string;
  /** The namespace objects without one get after all (readInventory's defaultNamespace). */
  defaultNamespace: string;
  kustomize: KustomizeRunner;
  /** An Argo CD Application named on the command line (the Config Management Plugin's own): its folder. */
  application?: { dir: string; namespace?: string };
  /** Read every source's files again instead of taking the tree's reading of them (tests compare the two). */
  reread?: boolean;
}

/** What rendering found besides objects: warnings to print, and what the named Application renders. */
export interface GitopsResult {
  unchecked: UncheckedSource[];
  /** Identities (see resourceKey) of the objects options.application renders. */
  scope?: Set<string>;
}

/** Sources rendered at most, Applications of Applications included (a loop of them stops here too). */
const MAX_SOURCES = 500;
const MANIFEST = /\.(ya?ml|json)$/i;
const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

/** readInventory's `expand`: renders the sources, filling `result` with warnings and the Application's scope. */
export function gitopsExpander(options: GitopsOptions, result: GitopsResult): (batch: Batch) => Promise<Batch> {
  return async (batch) => {
    if (!options.application && !batch.entries.some((e) => deploysSources(headOf(e.located)))) return batch;
    // A deploying object another source deploys is a source only as that one lands it (its variables substituted):
    // one taken from the tree's reading before that was known, and changed by landing, is left out of a second pass.
    let outcome = await expandOnce(options, batch, new Set());
    while (outcome.late.size > 0) outcome = await expandOnce(options, batch, new Set([...outcome.excluded, ...outcome.late]));
    result.unchecked.push(...outcome.unchecked);
    if (outcome.scope) result.scope = outcome.scope;
    return outcome.batch;
  };
}

interface Expansion {
  batch: Batch;
  unchecked: UncheckedSource[];
  scope?: Set<string>;
  /** The tree's deploying entries left out of this pass. */
  excluded: Set<Entry>;
  /** Deploying entries of the tree's reading taken as sources, then found deployed (and changed) by another source. */
  late: Set<Entry>;
}

/**
 * One pass over the sources. The tree's deploying entries (roots) are taken in tree order, each when its turn
 * comes, unless a source rendered it by then (it is then a source as landed, queued by that one) or `excluded`
 * leaves it out; the sources they deploy follow in the order found.
 */
async function expandOnce(options: GitopsOptions, batch: Batch, excluded: Set<Entry>): Promise<Expansion> {
  const out: Expansion = { batch, unchecked: [], excluded, late: new Set() };
  const all = batch.entries.map((e) => e.located);
  const builds = new Map<string, Entry[]>();
  for (const entry of batch.entries) {
    if (entry.renderedFrom === undefined) continue;
    const list = builds.get(entry.renderedFrom) ?? [];
    if (list.length === 0) builds.set(entry.renderedFrom, list);
    list.push(entry);
  }
  const rendered: Entry[] = [];
  const fluxFolders: UndeployedFolder[] = [];
  // The documents sources render: whole files read plainly (by real path), and other documents by origin, so
  // that a tree of many files a source deploys is not a set of every document's origin string.
  const claimedFiles = new Set<string>();
  const claimed = new Set<string>();
  const isClaimed = (e: Entry) => (e.file !== undefined && claimedFiles.has(e.file)) || (claimed.size > 0 && claimed.has(e.origin));
  const problems = [...batch.problems];
  const known = new Set(problems.map(problemKey));
  const seen = new Set<string>();
  type Queued = { source: RenderedSource; scoped: boolean } | { root: Entry };
  const queue: Queued[] = [];
  const roots = new Set<Entry>(); // taken as sources
  let readBefore: ((real: string) => KnownFile | undefined) | undefined;
  const configs = once(() => argoConfigs(all));
  const sourcesOf = (entries: Entry[]) => {
    const found = findSources(entries.map((e) => e.located), all, options.repository, configs);
    out.unchecked.push(...found.unchecked);
    return found.rendered.map((source) => ({ source, scoped: false }));
  };
  if (options.application) {
    out.scope = new Set();
    const { dir, namespace } = options.application;
    queue.push({ source: { owner: 'the Application', engine: 'argocd', dir, defaultNamespace: namespace, recurse: false }, scoped: true });
  }
  for (const entry of batch.entries) if (deploysSources(headOf(entry.located)) && !excluded.has(entry)) queue.push({ root: entry });
  let count = 0;
  while (queue.length > 0 && count < MAX_SOURCES) {
    const next = queue.shift()!;
    if ('root' in next) {
      if (!isClaimed(next.root)) {
        roots.add(next.root);
        queue.unshift(...sourcesOf([next.root]));
      }
      continue;
    }
    const { source, scoped } = next;
    const key = JSON.stringify([source.dir, source.engine, source.defaultNamespace, source.targetNamespace, source.recurse, source.substitute,
      source.variablesIncomplete, source.withoutHelm, source.merge?.spec, source.flux?.ignore, source.include, source.exclude]);
    if (seen.has(key)) continue;
    seen.add(key);
    count++;
    const warn = (message: string) => out.unchecked.push({ owner: source.owner, at: source.at, reason: message });
    const built = builtAlready(builds, source);
    const folder = built ? undefined : sourceFolder(source, options.relativeTo, warn);
    const read = built ?? await readBatch(folder!.paths, { defaultNamespace: options.defaultNamespace, relativeTo: options.relativeTo,
      kustomize: builder(options.kustomize, source), rendered: source.merge ? source.dir : undefined, flux: source.flux,
      jsonnet: source.engine === 'argocd' ? ARGO_JSONNET : undefined, excluded: folder?.excluded,
      known: options.reread ? undefined : (readBefore ??= readAlready(batch.entries, batch.shapeless)), warn });
    for (const problem of read.problems) {
      if (!known.has(problemKey(problem))) problems.push(problem);
      known.add(problemKey(problem));
    }
    const deploying: Entry[] = [];
    for (const entry of read.entries) {
      if (entry.file !== undefined) claimedFiles.add(entry.file);
      else claimed.add(entry.origin);
      const landing = land(entry, source);
      rendered.push(landing);
      if (!deploysSources(headOf(landing.located))) continue;
      // A root taken already: the same entry deploys what it did; a changed one is taken again in the next pass.
      if (!roots.has(entry)) deploying.push(landing);
      else if (landing !== entry) out.late.add(entry);
    }
    if (source.merge) out.unchecked.push(...renamedTenants(source, rendered.slice(rendered.length - read.entries.length)));
    if (source.flux && folder && !folder.kustomized) {
      const flux = source.flux;
      fluxFolders.push({ source, real: realPathOr(source.dir), why: (walked, link) => fluxLeavesOut(flux, walked, link) ?? 'Flux does not read them' });
    }
    // An Argo CD folder's files its globs leave out are not deployed by it either.
    if (folder?.leftOut) fluxFolders.push({ source, real: realPathOr(source.dir), why: folder.leftOut });
    // Where the source put them: the scope, and the sources they deploy in turn (their namespaces as landed).
    if (scoped) addScope(out, rendered.slice(rendered.length - read.entries.length), options.defaultNamespace);
    if (deploying.length > 0) queue.push(...sourcesOf(deploying));
  }
  const left = queue.filter((q) => 'source' in q || !isClaimed(q.root)).length;
  if (left > 0) {
    out.unchecked.push({ owner: `${left} more sources`, reason: `not checked: more than ${MAX_SOURCES} sources (a loop of Applications?)` });
  }
  // Objects kustomize generates (ConfigMaps of a configMapGenerator) come from no file: the same object rendered
  // through a source replaces them too. Any other object defined twice is still reported as such.
  let renderedKeys: Set<string> | undefined; // made only when the tree has generated objects
  const undeployed = notDeployed(fluxFolders, options.relativeTo);
  const kept = batch.entries.filter((e) => !isClaimed(e) && !undeployed.take(e) && !(generated(e) &&
    (renderedKeys ??= new Set(rendered.map((r) => objectKey(headOf(r.located), options.defaultNamespace))))
      .has(objectKey(headOf(e.located), options.defaultNamespace))));
  out.unchecked.push(...undeployed.warnings());
  out.batch = { entries: [...kept, ...rendered], problems };
  return out;
}

/**
 * A source's folder whose files the source may leave out, by its real path: a Flux source's folder without a
 * kustomization (Flux writes one), or an Argo CD one with include or exclude globs. `why` says why a file of it is
 * not deployed; undefined: it is (or another source's business).
 */
interface UndeployedFolder {
  source: RenderedSource;
  real: string;
  why(walked: string, link: boolean): string | undefined;
}

/** How many files of one kind a warning names before it counts the rest. */
const FILES_SHOWN = 3;

/**
 * The tree's files in the folder of a Flux source that Flux writes the kustomization for, which that source did not
 * deploy: Flux does not deploy them either (a .json file, a link, one its GitRepository's artifact leaves out), so
 * their objects are not checked as if they were in the cluster; one warning per source and reason says which and why.
 */
function notDeployed(folders: UndeployedFolder[], relativeTo: string): { take(entry: Entry): boolean; warnings(): UncheckedSource[] } {
  const found = new Map<string, { source: RenderedSource; why: string; files: Set<string> }>();
  const take = (entry: Entry): boolean => {
    if (folders.length === 0 || entry.file === undefined) return false;
    const shown = entry.located.source.file;
    const walked = resolve(relativeTo, shown);
    // By the real path, or, for a link, by where the walk found it.
    const folder = folders.find((f) => entry.file!.startsWith(`${f.real}${sep}`) || walked.startsWith(`${f.source.dir}${sep}`));
    if (!folder) return false;
    const link = lstatSync(walked, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
    const why = folder.why(walked, link);
    if (why === undefined) return false;
    const key = `${folder.source.owner}\u0000${why}`;
    const known = found.get(key) ?? { source: folder.source, why, files: new Set<string>() };
    found.set(key, known);
    known.files.add(shown);
    return true;
  };
  const warnings = () => [...found.values()].map(({ source, why, files }) => {
    const list = [...files];
    const named = list.slice(0, FILES_SHOWN).join(', ') + (list.length > FILES_SHOWN ? ` and ${list.length - FILES_SHOWN} more` : '');
    return { owner: source.owner, at: source.at, reason: `does not deploy ${named}, so their objects are not checked: ${why}` };
  });
  return { take, warnings };
}

/**
 * A kustomization folder the tree's own reading built already: its objects again (copies, since each source puts
 * them in its own namespace) instead of a second kustomize build of the same folder.
 */
function builtAlready(builds: Map<string, Entry[]>, source: RenderedSource): Batch | undefined {
  // Only a folder with a kustomization is built (by Argo CD and Flux alike, whatever directory.recurse says).
  const built = source.merge ? undefined : builds.get(source.dir);
  // A tool that builds without Helm (see builder) does not get what a build that rendered helmCharts got.
  if (!built || (source.withoutHelm !== undefined && built.some((e) => e.fromHelm))) return undefined;
  const entries = built.map((e) => ({ ...e, located: { object: structuredClone(e.located.object), source: { ...e.located.source } } }));
  return { entries, problems: [] };
}

/**
 * How the source's tool builds a kustomization: as `check` does (with --enable-helm), unless the tool builds without
 * it (RenderedSource.withoutHelm: Flux, or an Argo CD whose argocd-cm lacks it). A kustomization with helmCharts
 * then fails as it fails there, and the failure says why for the object that deploys it.
 */
function builder(kustomize: KustomizeRunner, source: RenderedSource): KustomizeRunner {
  const why = source.withoutHelm;
  const run = source.merge ? withFluxFields(kustomize, source.dir, source.merge) : kustomize;
  return why === undefined ? run : (dir) => run(dir, { withoutHelm: `${source.owner} cannot deploy: ${why}` });
}

/**
 * What a tool reads of a source folder: all of it (kustomize, Flux, Argo CD's recurse), or its own files only; and
 * whether it has a kustomization. An Argo CD source's own .jsonnet files are named to `warn` (a walk names those below).
 */
function sourceFolder(source: RenderedSource, relativeTo: string, warn: (message: string) => void):
  { paths: string[]; kustomized: boolean; excluded?: Excluded; leftOut?: (full: string) => string | undefined } {
  const entries = readdirSync(source.dir, { withFileTypes: true });
  const kustomized = entries.some((e) => KUSTOMIZATION.test(e.name));
  if (kustomized) return { paths: [source.dir], kustomized };
  // Argo CD's directory.include and exclude: a file's path from the source folder against each glob.
  const { include, exclude } = source;
  const reads = (full: string) => argoReads(pathFrom(source.dir, full), include, exclude);
  const filtered = include !== undefined || exclude !== undefined;
  const leftOut = filtered ? (full: string) => (!MANIFEST.test(full) || reads(full) ? undefined
    : `its directory.${exclude !== undefined && !argoReads(pathFrom(source.dir, full), undefined, exclude) ? `exclude ${JSON.stringify(exclude)}` : `include ${JSON.stringify(include)}`} leaves them out`) : undefined;
  if (source.recurse) {
    // The walk asks about folders too; the globs are for files only.
    const excluded: Excluded | undefined = filtered ? (shown) => {
      const full = resolve(relativeTo, shown);
      return statSync(full, { throwIfNoEntry: false })?.isFile() === true && !reads(full);
    } : undefined;
    return { paths: [source.dir], kustomized, excluded, leftOut };
  }
  for (const e of entries) {
    if (source.engine === 'argocd' && !e.isDirectory() && JSONNET.test(e.name) && reads(join(source.dir, e.name))) {
      warn(`${relative(relativeTo, join(source.dir, e.name)).split(sep).join('/')}: ${ARGO_JSONNET}`);
    }
  }
  const paths = entries.filter((e) => !e.isDirectory() && !e.name.startsWith('.') && MANIFEST.test(e.name))
    .map((e) => join(source.dir, e.name)).filter(reads);
  // Without recurse, only the folder's own files are Argo CD's to leave out.
  const own = leftOut && ((full: string) => (resolve(full, '..') === resolve(source.dir) ? leftOut(full) : undefined));
  return { paths: paths.sort(), kustomized, leftOut: own };
}

/** Why an Argo CD source's .jsonnet file is not checked. */
const ARGO_JSONNET = 'a Jsonnet file, which Argo CD evaluates and kubectl iot does not: the objects it makes are not checked';

/**
 * The files the tree's own reading read, by real path: their entries again, for a source that deploys them, so that
 * a tree whose Flux Kustomization or Argo CD Application deploys most of it (the usual layout) is not read and
 * parsed twice, in this thread, nor held twice: the entries and their objects are shared, and `land` copies one only
 * to change it. A file the tree's reading found no object in (a problem, or only comments) is read again.
 */
function readAlready(entries: Entry[], shapeless?: Set<string>): (real: string) => KnownFile | undefined {
  const byFile = new Map<string, Entry[]>();
  for (const entry of entries) {
    if (entry.file === undefined) continue;
    const list = byFile.get(entry.file);
    if (list) list.push(entry);
    else byFile.set(entry.file, [entry]);
  }
  // A file with a document that is no object is read again: where Flux reads it, that document is a problem.
  return (real) => {
    if (shapeless?.has(real)) return undefined;
    const found = byFile.get(real);
    return found === undefined ? undefined : { entries: found };
  };
}

/**
 * An entry where the source puts its object (landed). The entry and its object may be the tree's own reading's,
 * which other sources and lookups share (readAlready): they are never changed; the entry is the same one when
 * landing changes nothing (an object kept as its JSON text whose namespace stays, with no `$` for a substitution
 * to replace), else a new one with a copy of the object, landed.
 */
function land(entry: Entry, source: RenderedSource): Entry {
  const { located } = entry;
  const json = located instanceof EncodedObject ? located.json : undefined;
  if (json !== undefined) {
    const head = headOf(located);
    const own = head.metadata.namespace;
    const namespace = landingNamespace(head, source);
    if ((namespace === undefined || namespace === own) && !(source.substitute && json.includes('$'))) return entry;
  }
  const object = json !== undefined ? JSON.parse(json) as KubeObject : structuredClone(located.object);
  return { ...entry, located: { object: landed(object, source), source: { ...located.source } } };
}

/** An object where the source puts it: the target namespace, else its own, else the destination's; substituted. */
function landed(object: KubeObject, source: RenderedSource): KubeObject {
  const namespace = landingNamespace(object, source);
  if (namespace !== undefined) object.metadata.namespace = namespace;
  return source.substitute ? substituteVariables(object, source.substitute, source.variablesIncomplete) : object;
}

/** The namespace a model object gets from the source, or undefined for a Namespace, another kind, or none at all. */
function landingNamespace(object: ObjectHead, source: RenderedSource): string | undefined {
  const kind = canonicalKind(object.apiVersion, object.kind);
  return kind && kind !== 'Namespace' ? source.targetNamespace ?? object.metadata.namespace ?? source.defaultNamespace : undefined;
}

/**
 * The MessagingTenants named default in their files that a Flux Kustomization's namePrefix or nameSuffix renames: the
 * controller then ignores them (it reconciles only the one named default), and a tenant written into those folders
 * (the printed fix) is renamed too, so the warning says where the way out is.
 */
function renamedTenants(source: RenderedSource, entries: Entry[]): UncheckedSource[] {
  const { namePrefix, nameSuffix } = source.merge!.spec;
  const renamed = `${typeof namePrefix === 'string' ? namePrefix : ''}${DEFAULT_NAME}${typeof nameSuffix === 'string' ? nameSuffix : ''}`;
  if (renamed === DEFAULT_NAME) return [];
  const fields = [typeof namePrefix === 'string' ? 'namePrefix' : '', typeof nameSuffix === 'string' ? 'nameSuffix' : ''].filter(Boolean).join(' and ');
  const both = fields.includes(' and ');
  const tenants = entries.filter(({ located }) => {
    const { apiVersion, kind, metadata } = headOf(located);
    return canonicalKind(apiVersion, kind) === 'MessagingTenant' && metadata.name === renamed;
  }).map(({ located }) => `${headOf(located).metadata.namespace}/${DEFAULT_NAME} (${located.source?.file ?? 'rendered'})`);
  const tail = `to ${renamed}, which the controller ignores: deploy the tenant${tenants.length > 1 ? 's' : ''} through a Kustomization without ${both ? 'them' : 'it'}`;
  const verb = both ? 'rename' : 'renames';
  // A few are named one by one; a folder of many tenants gets one line, not one per tenant.
  if (tenants.length <= RENAMED_SHOWN) {
    return tenants.map((tenant) => ({ owner: source.owner, at: source.at, reason: `its ${fields} ${verb} MessagingTenant ${tenant} ${tail}` }));
  }
  return [{ owner: source.owner, at: source.at,
    reason: `its ${fields} ${verb} ${tenants.length} MessagingTenants named ${DEFAULT_NAME}, ${tenants.slice(0, RENAMED_SHOWN).join(', ')} ` +
      `and ${tenants.length - RENAMED_SHOWN} more, ${tail}` }];
}

/** How many renamed tenants a warning names before it counts the rest. */
const RENAMED_SHOWN = 3;

/** An object a kustomize build generated (read.ts names its origin by the build, not by a file). */
function generated(entry: Entry): boolean {
  return entry.renderedFrom !== undefined && entry.origin.startsWith(`${entry.renderedFrom}: kustomize #`);
}

function addScope(out: { scope?: Set<string> }, entries: Entry[], defaultNamespace: string): void {
  for (const { located: { object } } of entries) out.scope?.add(objectKey(object, defaultNamespace));
}

/** An object's resourceKey once read: a namespaced model object without a namespace is in the default one. */
function objectKey(object: ObjectHead, defaultNamespace: string): string {
  const model = canonicalKind(object.apiVersion, object.kind);
  const namespace = object.metadata.namespace ?? (model && model !== 'Namespace' ? defaultNamespace : undefined);
  return resourceKey(object.apiVersion, object.kind, namespace, object.metadata.name ?? '');
}

/**
 * An object's identity, as the API server sees it: model kinds by their canonical name (a later name is the same
 * kind), others by group and kind; the namespace only when namespaced.
 */
export function resourceKey(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  const model = canonicalKind(apiVersion, kind);
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${model ?? `${group}/${kind}`}\0${model === 'Namespace' ? '' : namespace ?? ''}\0${name}`;
}

function problemKey(problem: { file?: string; line?: number; message: string }): string {
  return `${problem.file ?? ''}:${problem.line ?? ''}:${problem.message}`;
}
