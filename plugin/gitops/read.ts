/** Reads files, folders and stdin into one inventory of objects, each with the file and line it came from. */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { CliError } from '../errors';
import { canonicalKind, type KubeObject } from '../model/kinds';
import type { SourceRef } from '../policy/types';
import { kubectlKustomize, takeOrigin, type KustomizeRunner } from './kustomize';
import { parseManifests, type ParsedObject } from './parse';

/** An object of the inventory and where it was read. */
export interface LocatedObject {
  object: KubeObject;
  /** Absent for objects read from a live cluster. */
  source?: SourceRef;
}

export interface ReadOptions {
  /** Namespace for namespaced objects that name none (what `kubectl apply -n` would use). */
  defaultNamespace: string;
  readStdin?: () => Promise<string>;
  kustomize?: KustomizeRunner;
  /** Make every file relative to this folder (default: to the folder argument it was found in). */
  relativeTo?: string;
}

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MANIFEST = /\.(ya?ml|json)$/i;
export const STDIN_NAME = 'stdin';

/** Reads every path (a file, a folder, or `-` for stdin) into one cross-file inventory. */
export async function readInventory(paths: string[], options: ReadOptions): Promise<LocatedObject[]> {
  const reader = new TreeReader(options);
  const located: LocatedObject[] = [];
  for (const path of paths) located.push(...(await reader.readPath(path)));
  for (const { object } of located) defaultNamespace(object, options.defaultNamespace);
  return located;
}

class TreeReader {
  private readonly sources = new Map<string, ParsedObject[]>();
  constructor(private readonly options: ReadOptions) {}

  async readPath(path: string): Promise<LocatedObject[]> {
    if (path === '-') {
      if (!this.options.readStdin) throw new CliError('reading from stdin (-) is not possible here');
      return locate(parseManifests(await this.options.readStdin(), STDIN_NAME), STDIN_NAME);
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`${path}: ${describeFsError(error)}`, { cause: error });
    });
    const root = this.options.relativeTo === undefined ? undefined : resolve(this.options.relativeTo);
    if (info.isDirectory()) return this.readFolder(resolve(path), root ?? resolve(path));
    const shown = root === undefined ? path : relativeTo(root, resolve(path));
    return locate(await this.parseFile(resolve(path), shown), shown);
  }

  /** A folder with a kustomization is rendered; any other folder is walked for manifests. */
  private async readFolder(dir: string, root: string): Promise<LocatedObject[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`${dir}: ${describeFsError(error)}`, { cause: error });
    });
    if (entries.some((e) => e.isFile() && KUSTOMIZATION_FILES.includes(e.name))) return this.render(dir, root);
    const located: LocatedObject[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) located.push(...(await this.readFolder(full, root)));
      else if (MANIFEST.test(entry.name) && (entry.isFile() || (await isFileLink(full)))) {
        located.push(...locate(await this.parseFile(full, relativeTo(root, full)), relativeTo(root, full)));
      }
    }
    return located;
  }

  private async render(dir: string, root: string): Promise<LocatedObject[]> {
    await this.checkKustomization(dir, root);
    const rendered = await (this.options.kustomize ?? kubectlKustomize)(dir);
    const objects = parseManifests(rendered.text, `kustomize build of ${relativeTo(root, dir) || '.'}`);
    const located: LocatedObject[] = [];
    for (const { object } of objects) {
      const origin = takeOrigin(object);
      const file = origin ? resolve(rendered.originBase, origin) : undefined;
      const line = file ? await this.lineIn(file, object) : 1;
      located.push({ object, source: { file: relativeTo(root, file ?? join(dir, KUSTOMIZATION_FILES[0])), line } });
    }
    return located;
  }

  /** Reports a kustomization.yaml that is not even YAML with its own file and line, before kustomize runs. */
  private async checkKustomization(dir: string, root: string): Promise<void> {
    for (const name of KUSTOMIZATION_FILES) {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) parseManifests(text, relativeTo(root, file) || name);
    }
  }

  /** The line of the source document an object rendered by kustomize came from (names may have changed). */
  private async lineIn(file: string, rendered: KubeObject): Promise<number> {
    const documents = await this.parseFile(file, file).catch(() => []);
    const sameKind = documents.filter((d) => d.object.kind === rendered.kind);
    const name = rendered.metadata.name ?? '';
    const match = sameKind.find((d) => d.object.metadata.name === name) ??
      sameKind.find((d) => d.object.metadata.name && name.includes(d.object.metadata.name)) ?? sameKind[0];
    return match?.line ?? 1;
  }

  private async parseFile(absolute: string, shown: string): Promise<ParsedObject[]> {
    const cached = this.sources.get(absolute);
    if (cached) return cached;
    const text = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`${shown}: ${describeFsError(error)}`, { cause: error });
    });
    const parsed = parseManifests(text, shown);
    this.sources.set(absolute, parsed);
    return parsed;
  }
}

function locate(objects: ParsedObject[], file: string): LocatedObject[] {
  return objects.map(({ object, line }) => ({ object, source: { file, line } }));
}

/** Namespaced model objects without a namespace land where `kubectl apply -n` would put them. */
function defaultNamespace(object: KubeObject, namespace: string): void {
  const kind = canonicalKind(object.apiVersion, object.kind);
  if (kind && kind !== 'Namespace' && !object.metadata.namespace) object.metadata.namespace = namespace;
}

function relativeTo(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

async function isFileLink(path: string): Promise<boolean> {
  const link = await lstat(path);
  return link.isSymbolicLink() && (await stat(path).then((s) => s.isFile(), () => false));
}

/** One human line for a file-system error code. */
export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    default: return error.message;
  }
}
