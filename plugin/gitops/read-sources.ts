/**
 * The local files behind a kustomize build, for the inventory reader (read.ts): their problems worded as the
 * reader words them (kustomize's own message often names neither file nor line), and the line in them that a
 * rendered object came from.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../model/kinds';
import { LIMITS } from './limits';
import { readManifests, type ParsedObject, type Problem } from './parse';
import { relativeTo } from './read-paths';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Why a Component named as the checked folder is a problem: nothing of it would be checked. */
export const COMPONENT_ALONE = 'a kustomize Component (kind: Component), which kustomize builds only inside an overlay that ' +
  'lists it under components:; check that overlay';

/**
 * A folder's kustomization files, read once before kustomize runs: their problems when they are not even YAML (or
 * are binary, or over a limit), with their own file and line; and whether the kustomization is a kustomize
 * Component (`kind: Component`), which kustomize builds only inside an overlay that lists it under `components:`.
 */
export async function readKustomization(dir: string, root: string): Promise<{ problems: Problem[]; component: boolean }> {
  const found: Problem[] = [];
  let component: boolean | undefined;
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(dir, name);
    const data = await readFile(file).catch(() => undefined);
    if (data === undefined) continue;
    const { problems } = readManifests(data, relativeTo(root, file) || name, { objects: false });
    found.push(...problems);
    // The first file is the one kustomize reads.
    if (component === undefined && problems.length === 0) {
      const kustomization = loadYaml(data.toString('utf8'));
      component = isRecord(kustomization) && kustomization.kind === 'Component';
    }
  }
  return { problems: found, component: component ?? false };
}

/**
 * After a failed build: the problems of the local files it is made of (kustomizations, and the resources they
 * list, followed into other kustomization folders), as the reader words them.
 */
export async function sourceProblems(dir: string, root: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const queue = [dir];
  const seen = new Set<string>();
  const check = async (file: string, objects: boolean) => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > LIMITS.fileBytes) return undefined;
    const data = await readFile(file).catch(() => undefined);
    if (data === undefined) return undefined;
    problems.push(...readManifests(data, relativeTo(root, file), { objects }).problems);
    return data;
  };
  while (queue.length > 0 && seen.size < MAX_KUSTOMIZATIONS) {
    const folder = queue.shift() as string;
    if (seen.has(folder)) continue;
    seen.add(folder);
    const name = KUSTOMIZATION_FILES.find((n) => existsSync(join(folder, n)));
    if (!name) continue;
    const before = problems.length;
    const data = await check(join(folder, name), false);
    if (data === undefined || problems.length > before) continue;
    const kustomization = loadYaml(data.toString('utf8'));
    for (const field of ['resources', 'bases', 'components', 'crds']) {
      const entries = isRecord(kustomization) && Array.isArray(kustomization[field]) ? kustomization[field] as unknown[] : [];
      for (const entry of entries) {
        if (typeof entry !== 'string' || REMOTE.test(entry)) continue;
        const target = resolve(folder, entry);
        const info = await stat(target).catch(() => undefined);
        if (info?.isDirectory()) queue.push(target);
        else if (info?.isFile()) await check(target, field === 'resources' || field === 'crds');
      }
    }
  }
  return problems;
}

/** Kustomization folders followed to find the broken files of a failed build. */
const MAX_KUSTOMIZATIONS = 200;
/** Resources kustomize fetches (URLs, Git repositories) rather than reads from the tree. */
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\//i;

function loadYaml(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The documents of kustomize's source files, read once each, to find the line a rendered object came from. */
export class SourceLines {
  private readonly sources = new Map<string, ParsedObject[]>();

  /** The line of the source document an object rendered by kustomize came from (names may have changed). */
  async lineIn(file: string, rendered: KubeObject): Promise<number> {
    let documents = this.sources.get(file);
    if (!documents) {
      const data = await readFile(file).catch(() => undefined);
      documents = data === undefined ? [] : readManifests(data, file).objects;
      this.sources.set(file, documents);
    }
    const sameKind = documents.filter((d) => d.object.kind === rendered.kind);
    const name = rendered.metadata.name ?? '';
    const match = sameKind.find((d) => d.object.metadata.name === name) ??
      sameKind.find((d) => d.object.metadata.name && name.includes(d.object.metadata.name)) ?? sameKind[0];
    return match?.line ?? 1;
  }
}
