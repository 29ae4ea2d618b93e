/**
 * Where `create --gitops-dir` puts a new object of a namespace when the tree's Argo CD Applications or Flux
 * Kustomizations decide namespaces: in a folder that a source deploys to that namespace, so the fix reaches the
 * cluster (and `check`, which reads the tree as those tools render it, sees it there).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { LocatedObject, SourceRef } from '../policy/types';
import { gitopsExpander } from './render-sources';
import type { KustomizeRunner } from './kustomize';
import type { Batch } from './read';
import { findRepository } from './repository';
import { deploysSources, findSources, type RenderedSource } from './sources';
import type { LeftOut } from './source-ignore';
import { kustomizationFile, localRelative } from './flux-kustomize';

/** readInventory's expand option for a tree that commands write into (its warnings are check's to print). */
export function treeExpander(root: string, defaultNamespace: string, kustomize: KustomizeRunner): (batch: Batch) => Promise<Batch> {
  return gitopsExpander({ repository: findRepository(root), relativeTo: root, defaultNamespace, kustomize }, { unchecked: [] });
}

/** A folder of `root` (relative, `/`-separated) that a source deploys to `namespace`, shallowest first; if any. */
export function sourceFolderFor(inventory: LocatedObject[], root: string, namespace: string): string | undefined {
  const deploying = inventory.filter(({ object }) => deploysSources(object));
  if (deploying.length === 0) return undefined;
  const { rendered } = findSources(deploying, inventory, findRepository(root));
  const folders = rendered.filter((s) => (s.targetNamespace ?? s.defaultNamespace) === namespace)
    .map((s) => relative(root, s.dir).split(sep).join('/'))
    .filter((f) => !f.startsWith('..') && !isAbsolute(f));
  return folders.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
}

/**
 * A Flux Kustomization with a namePrefix or nameSuffix whose build takes a new file of `folder` (relative,
 * `/`-separated; see fluxBuildsTaking). A MessagingTenant written there reaches the cluster renamed, and the
 * controller reconciles only the tenant named default.
 */
export function renamingSource(sources: RenderedSource[], root: string, folder: string):
  { owner: string; at?: SourceRef; field: string; renamed: (name: string) => string } | undefined {
  for (const source of fluxBuildsTaking(sources, root, folder)) {
    const spec = source.merge?.spec ?? {};
    const prefix = typeof spec.namePrefix === 'string' ? spec.namePrefix : '';
    const suffix = typeof spec.nameSuffix === 'string' ? spec.nameSuffix : '';
    if (prefix === '' && suffix === '') continue;
    const field = [prefix ? `namePrefix "${prefix}"` : '', suffix ? `nameSuffix "${suffix}"` : ''].filter(Boolean).join(' and ');
    return { owner: source.owner, at: source.at, field, renamed: (name) => `${prefix}${name}${suffix}` };
  }
  return undefined;
}

/**
 * A Flux Kustomization whose build would take the file `path` (relative, `/`-separated), but whose GitRepository's
 * artifact leaves the file out (a .sourceignore pattern, spec.ignore, a default exclusion): written there, the
 * object never reaches the cluster.
 */
export function leftOutSource(sources: RenderedSource[], root: string, path: string):
  { owner: string; at?: SourceRef; why: LeftOut } | undefined {
  for (const source of fluxBuildsTaking(sources, root, folderOf(path))) {
    const why = source.flux?.leftOut(resolve(root, path));
    if (why) return { owner: source.owner, at: source.at, why };
  }
  return undefined;
}

/** The folder of a relative, `/`-separated path ('' for the root). */
export function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/** The tree's Flux Kustomizations, as check renders them (found once for all the files a command writes). */
export function fluxSources(inventory: LocatedObject[], root: string): RenderedSource[] {
  const deploying = inventory.filter(({ object }) => deploysSources(object));
  if (deploying.length === 0) return [];
  return findSources(deploying, inventory, findRepository(root)).rendered.filter((source) => source.engine === 'flux');
}

/**
 * The Flux Kustomizations of `sources` whose build takes a new file of `folder`: the folder they build, one their
 * kustomizations reach (`resources: ../base`), or one below a folder Flux writes a kustomization for.
 */
function fluxBuildsTaking(sources: RenderedSource[], root: string, folder: string): RenderedSource[] {
  const target = resolve(root, folder);
  return sources.filter((source) => {
    const components = source.merge?.spec.components;
    const own = Array.isArray(components) ? components.filter((c): c is string => typeof c === 'string') : [];
    return reachedFolders(source.dir, own).has(target);
  });
}

/**
 * The folders (absolute) whose new files a build of `dir` deploys: each folder with a kustomization that the build
 * reaches through resources, bases and components (and the Flux Kustomization's own `components`), where create
 * registers the file; and, for a folder without one, it and every folder below it that has none either, whose
 * files the kustomization Flux writes for it takes (flux-kustomize.ts generatedKustomization).
 */
function reachedFolders(dir: string, components: string[]): Set<string> {
  const reached = new Set<string>();
  const visit = (folder: string) => {
    if (reached.has(folder) || !isFolder(folder)) return;
    reached.add(folder);
    const file = kustomizationFile(folder);
    if (file === undefined) {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== '.git') visit(join(folder, entry.name));
      }
      return;
    }
    let own: unknown;
    try {
      own = parse(readFileSync(join(folder, file), 'utf8'));
    } catch {
      return; // check names a kustomization that does not parse; here it reaches nothing more
    }
    const listed = ['resources', 'bases', 'components'].flatMap((key) => {
      const value = (own as Record<string, unknown> | null)?.[key];
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    });
    // A remote one is fetched, not written into; a file is not a folder (visit skips it).
    for (const entry of listed) if (localRelative(entry)) visit(resolve(folder, entry));
  };
  visit(dir);
  for (const component of components) if (localRelative(component)) visit(resolve(dir, component));
  return reached;
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Whether a folder is read as plain manifests (no kustomization to register new files in). */
export function isPlainFolder(root: string, folder: string): boolean {
  return kustomizationFile(join(root, folder)) === undefined;
}
