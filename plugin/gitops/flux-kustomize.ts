/**
 * A Flux Kustomization's kustomize fields (namePrefix, nameSuffix, patches, components, images, and the deprecated
 * patchesStrategicMerge and patchesJson6902), built as kustomize-controller builds them: merged into the folder's
 * own kustomization file (or the one Flux writes for a folder without one), not applied above it, so they take
 * effect in the same build step as the folder's own fields (a Flux patch then targets names before the folder's
 * namePrefix, and Flux's namePrefix replaces the folder's). kustomize-controller writes the merged file into its copy of the repository; `check` never writes
 * into the user's tree, so the build runs in a mirror of it: a temporary folder with the same layout, whose
 * entries are links to the repository's, except the folders down to the built one, and its merged kustomization.
 * The folder's relative paths (`../base`) resolve in the mirror as in the repository, and each object's origin
 * is mapped back to the repository's file.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { CliError } from '../errors';
import type { KustomizeRunner } from './kustomize';
import { KUSTOMIZATION_FILES } from './read-sources';
import { fluxLeavesOut, WHOLE_ARTIFACT, type FluxWalk } from './read-walk';

/** The fields of a Flux Kustomization's spec that kustomize-controller merges into the folder's kustomization. */
export const FLUX_KUSTOMIZE_FIELDS = ['namePrefix', 'nameSuffix', 'patches', 'components', 'patchesStrategicMerge', 'patchesJson6902', 'images'];

/** What a Flux Kustomization merges into a folder's kustomization: its spec's fields, and the repository they stay in. */
export interface FluxMerge {
  /** The repository's root: the mirror's top. */
  root: string;
  spec: Record<string, unknown>;
  /** What the GitRepository's artifact leaves out (source-ignore.ts): not in a kustomization Flux writes. */
  flux?: FluxWalk;
}

/** The source's spec has fields to merge (see FLUX_KUSTOMIZE_FIELDS). */
export function hasFluxFields(spec: Record<string, unknown>): boolean {
  return FLUX_KUSTOMIZE_FIELDS.some((field) => spec[field] !== undefined);
}

/** The fields of `spec` that merging reads (the rest would only make equal merges differ). */
export function fluxFields(spec: Record<string, unknown>): Record<string, unknown> {
  const fields = [...FLUX_KUSTOMIZE_FIELDS, 'ignoreMissingComponents', 'targetNamespace'];
  return Object.fromEntries(fields.filter((f) => spec[f] !== undefined).map((f) => [f, spec[f]]));
}

/** The kustomization file of `dir` that kustomize reads, or undefined for a folder without one. */
export function kustomizationFile(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.find((name) => existsSync(join(dir, name)));
}

/** `kustomize` for the folder `dir` with `merge`'s fields merged into its kustomization (other folders: unchanged). */
export function withFluxFields(kustomize: KustomizeRunner, dir: string, merge: FluxMerge): KustomizeRunner {
  return async (built, options) => {
    if (built !== dir) return kustomize(built, options);
    const name = kustomizationFile(dir) ?? KUSTOMIZATION_FILES[0];
    const own = existsSync(join(dir, name)) ? parse(await readFile(join(dir, name), 'utf8')) as unknown
      : await generatedKustomization(dir, merge.flux);
    const merged = mergedKustomization(isRecord(own) ? own : {}, merge.spec, dir);
    const top = await mkdtemp(join(tmpdir(), 'kubectl-iot-flux-'));
    try {
      const mirrored = await mirror(merge.root, dir, top, name, `${JSON.stringify(merged, null, 2)}\n`);
      return await kustomize(mirrored, { ...options, mirror: { top, root: merge.root } });
    } catch (error) {
      // Named by the repository's paths, not the mirror's.
      if (error instanceof CliError) throw new CliError(error.message.split(top).join(merge.root));
      throw error;
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  };
}

/**
 * The kustomization kustomize-controller writes for a folder without one: its .yaml and .yml files and its folders
 * that hold a kustomization (not walked into), as resources, in the order Go's filepath.Walk visits them (names in
 * byte order, depth first); a folder with none gets a placeholder namespace instead (an empty kustomization does
 * not build). A file that is not Kubernetes YAML fails the build, as it fails Flux's.
 */
export async function generatedKustomization(dir: string, flux: FluxWalk = WHOLE_ARTIFACT): Promise<Record<string, unknown>> {
  const resources: string[] = [];
  const walk = async (folder: string, prefix: string) => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue; // not in the artifact
      const path = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        if (kustomizationFile(join(folder, entry.name)) !== undefined) resources.push(path);
        else await walk(join(folder, entry.name), path);
      } else if (!fluxLeavesOut(flux, join(folder, entry.name), entry.isSymbolicLink())) resources.push(path);
    }
  };
  await walk(dir, '.');
  const head = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  return resources.length > 0 ? { ...head, resources } : { ...head, namespace: '_placeholder' };
}

/**
 * The folder's kustomization with the Flux Kustomization's fields merged in, as kustomize-controller merges them:
 * targetNamespace, namePrefix and nameSuffix replace the folder's; patches, components (local paths only; a
 * missing one skipped with ignoreMissingComponents) and the deprecated patch lists are appended; an image of a name
 * the folder sets already is updated (newName, and newTag with digest as one), others appended.
 */
export function mergedKustomization(own: Record<string, unknown>, spec: Record<string, unknown>, dir: string): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...own };
  for (const [from, to] of [['targetNamespace', 'namespace'], ['namePrefix', 'namePrefix'], ['nameSuffix', 'nameSuffix']]) {
    if (typeof spec[from] === 'string') merged[to] = spec[from];
  }
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const append = (field: string, items: unknown[]) => {
    if (items.length > 0) merged[field] = [...list(merged[field]), ...items];
  };
  append('patches', list(spec.patches).map(record).map((p) => ({ patch: p.patch, ...(p.target !== undefined ? { target: selector(p.target) } : {}) })));
  const components: unknown[] = [];
  for (const component of list(spec.components)) {
    if (typeof component !== 'string' || !localRelative(component)) {
      throw new CliError(`${dir}: component path '${String(component)}' must be local and relative`);
    }
    if (spec.ignoreMissingComponents === true && !existsSync(join(dir, component))) continue;
    components.push(component);
  }
  append('components', components);
  // An inline patch is the patch's JSON text, as Flux writes it (kustomize also takes a file path there).
  append('patchesStrategicMerge', list(spec.patchesStrategicMerge).map((p) => JSON.stringify(p)));
  append('patchesJson6902', list(spec.patchesJson6902).map(record)
    .map((p) => ({ patch: JSON.stringify(p.patch ?? null), target: selector(p.target) })));
  const images = list(merged.images).map((image) => ({ ...record(image) }));
  for (const image of list(spec.images).map(record)) {
    const same = images.find((known) => known.name === image.name);
    if (!same) {
      images.push(Object.fromEntries(['name', 'newName', 'newTag', 'digest'].filter((k) => nonEmpty(image[k])).map((k) => [k, image[k]])));
      continue;
    }
    if (nonEmpty(image.newName)) same.newName = image.newName;
    if (nonEmpty(image.newTag) || nonEmpty(image.digest)) {
      for (const key of ['newTag', 'digest']) {
        if (nonEmpty(image[key])) same[key] = image[key];
        else delete same[key];
      }
    }
  }
  if (images.length > 0) merged.images = images;
  return merged;
}

/** A Flux patch target as a kustomize selector (the same fields). */
function selector(target: unknown): Record<string, unknown> {
  const fields = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];
  const given = record(target);
  return Object.fromEntries(fields.filter((f) => nonEmpty(given[f])).map((f) => [f, given[f]]));
}

/** A path kustomize-controller takes as a local component: not a URL kustomize would fetch, not absolute. */
export function localRelative(path: string): boolean {
  const lower = path.toLowerCase();
  const remote = ['git::', 'gh:', 'ssh://', 'https://', 'http://', 'git@', 'github.com:', 'github.com/'];
  if (remote.some((p) => p.length < path.length && lower.startsWith(p))) return false;
  return !isAbsolute(path) && !isAbsolute(lower.replace(/^file:\/\//, ''));
}

/**
 * Mirrors `root` into `top` down to `dir`: each folder on the way is a real folder whose other entries link to the
 * repository's; `dir`'s kustomization file `name` is `text`. Returns `dir`'s place in the mirror.
 */
async function mirror(root: string, dir: string, top: string, name: string, text: string): Promise<string> {
  const parts = relative(root, dir).split(sep).filter(Boolean);
  let from = root;
  let to = top;
  for (let depth = 0; ; depth++) {
    const next = parts[depth];
    for (const entry of await readdir(from)) {
      if (entry === next || (next === undefined && entry === name)) continue;
      await symlink(join(from, entry), join(to, entry));
    }
    if (next === undefined) break;
    [from, to] = [join(from, next), join(to, next)];
    await mkdir(to);
  }
  await writeFile(join(to, name), text);
  return to;
}

function nonEmpty(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
