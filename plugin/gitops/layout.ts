/**
 * Where objects of a namespace belong in a GitOps tree: the folder whose kustomization.yaml sets that
 * namespace, else the conventional `tenants/<ns>` (or `infrastructure` for the infrastructure namespace).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { addResources, newKustomization } from './kustomization';
import { isPlainFolder } from './source-folder';
import type { PlannedFile } from './write';

const SKIP = new Set(['node_modules', '.git']);

/** Finds folders (relative to root) whose kustomization.yaml sets `namespace: <ns>`, shallowest first. */
export function foldersForNamespace(root: string, namespace: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 8) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const kustomization = entries.find((e) => e.isFile() && e.name === 'kustomization.yaml');
    if (kustomization && namespaceOf(join(dir, kustomization.name)) === namespace) {
      found.push(relative(root, dir).split(sep).join('/'));
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIP.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), depth + 1);
    }
  };
  walk(root, 0);
  return found.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

function namespaceOf(file: string): string | undefined {
  try {
    const value = parseDocument(readFileSync(file, 'utf8')).get('namespace');
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files that put `files` (name -> content) into the folder for `namespace`, with the kustomization
 * entries that register them. A new folder is registered in its parent's kustomization.yaml when there is one.
 */
export function planNamespaceFiles(root: string, namespace: string, defaultFolder: string,
  files: Record<string, string>, sourceFolder?: string): PlannedFile[] {
  // A folder an Argo CD Application or Flux Kustomization deploys to the namespace first (gitops/source-folder.ts).
  const folder = sourceFolder ?? foldersForNamespace(root, namespace)[0] ?? defaultFolder;
  const planned: PlannedFile[] = Object.entries(files).map(([name, content]) => ({
    path: folder ? `${folder}/${name}` : name,
    content,
  }));
  // A plain folder of such a source is read whole: its new files need no kustomization entry.
  if (sourceFolder !== undefined && isPlainFolder(root, sourceFolder)) return planned;
  planned.push(...registration(root, folder, Object.keys(files), namespace));
  return planned;
}

/** Registers `entries` in `folder`'s kustomization.yaml, creating it (and registering it upwards) if needed. */
function registration(root: string, folder: string, entries: string[], namespace?: string): PlannedFile[] {
  const path = folder ? `${folder}/kustomization.yaml` : 'kustomization.yaml';
  const existing = readIfExists(join(root, path));
  if (existing !== undefined) {
    const updated = addResources(existing, path, entries);
    return updated === undefined ? [] : [{ path, content: updated, update: true }];
  }
  const planned: PlannedFile[] = [{ path, content: newKustomization(entries, namespace) }];
  // Register the new folder in the nearest kustomization above it, so the tree's build picks it up.
  const parts = folder.split('/').filter(Boolean);
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    const ancestor = parts.slice(0, depth).join('/');
    if (readIfExists(join(root, ancestor, 'kustomization.yaml')) !== undefined) {
      planned.push(...registration(root, ancestor, [parts.slice(depth).join('/')]));
      break;
    }
  }
  return planned;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
