/**
 * Where `create --gitops-dir` puts a new object of a namespace when the tree's Argo CD Applications or Flux
 * Kustomizations decide namespaces: in a folder that a source deploys to that namespace, so the fix reaches the
 * cluster (and `check`, which reads the tree as those tools render it, sees it there).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { LocatedObject, SourceRef } from '../policy/types';
import { gitopsExpander } from './render-sources';
import type { KustomizeRunner } from './kustomize';
import type { Batch } from './read';
import { findRepository } from './repository';
import { deploysSources, findSources } from './sources';

const KUSTOMIZATIONS = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

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
 * A Flux Kustomization with a namePrefix or nameSuffix that deploys `folder` (relative, `/`-separated): the folder
 * it builds, or one below it. A MessagingTenant written there reaches the cluster renamed, and the controller
 * reconciles only the tenant named default.
 */
export function renamingSource(inventory: LocatedObject[], root: string, folder: string):
  { owner: string; at?: SourceRef; field: string; renamed: (name: string) => string } | undefined {
  const deploying = inventory.filter(({ object }) => deploysSources(object));
  if (deploying.length === 0) return undefined;
  for (const source of findSources(deploying, inventory, findRepository(root)).rendered) {
    const spec = source.merge?.spec ?? {};
    const prefix = typeof spec.namePrefix === 'string' ? spec.namePrefix : '';
    const suffix = typeof spec.nameSuffix === 'string' ? spec.nameSuffix : '';
    if (prefix === '' && suffix === '') continue;
    const dir = relative(root, source.dir).split(sep).join('/');
    if (dir.startsWith('..') || isAbsolute(dir)) continue;
    if (dir === '' || folder === dir || folder.startsWith(`${dir}/`)) {
      const field = [prefix ? `namePrefix "${prefix}"` : '', suffix ? `nameSuffix "${suffix}"` : ''].filter(Boolean).join(' and ');
      return { owner: source.owner, at: source.at, field, renamed: (name) => `${prefix}${name}${suffix}` };
    }
  }
  return undefined;
}

/** Whether a folder is read as plain manifests (no kustomization to register new files in). */
export function isPlainFolder(root: string, folder: string): boolean {
  return !KUSTOMIZATIONS.some((name) => existsSync(join(root, folder, name)));
}
