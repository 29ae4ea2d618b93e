/**
 * Manifests a kustomize build leaves out. A folder with a kustomization is checked as kustomize builds it, which
 * is what Argo CD and Flux deploy, so a file of the folder that no kustomization names is not checked, and not
 * deployed either: an IoTProject added beside the others but not listed under `resources:` passes `check` with
 * "No findings" and never reaches the cluster. The reader warns about each such file that holds objects of the
 * IoT model, naming the kustomization to list it in.
 *
 * A file counts as named when a kustomization of the build's folder tree mentions it anywhere (resources, patches,
 * generators, replacements: any string that is its path from that kustomization's folder), or when one of the
 * build's objects came from it. Hidden folders, node_modules, Helm charts and what --exclude leaves out are
 * not looked at.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { canonicalKind } from '../model/kinds';
import { NOTHING_EXCLUDED, type Excluded } from './exclude';
import { LIMITS } from './limits';
import { readManifests } from './parse';
import { realPathOr, relativeTo } from './read-paths';
import { KUSTOMIZATION_FILES } from './read-sources';

const MANIFEST = /\.(ya?ml|json)$/i;
const HELM_CHART_FILE = 'Chart.yaml';
/** More files than a build folder of manifests holds by hand: beyond, the search stops (it is only a warning). */
const MAX_FILES = 20_000;

/**
 * The warnings for the manifests under `dir` (a folder kustomize built) that hold IoT model objects but that no
 * kustomization names and no built object came from (`origins`: real paths); `root` is the checked folder the
 * warnings name files from.
 */
export function unlistedWarnings(dir: string, root: string, origins: ReadonlySet<string>,
  excluded: Excluded = NOTHING_EXCLUDED): string[] {
  const manifests: string[] = [];
  const named = new Set<string>();
  const kustomizations: string[] = [];
  walk(dir, root, excluded, manifests, kustomizations);
  for (const file of kustomizations) collectNamed(file, named);
  const warnings: string[] = [];
  for (const file of manifests) {
    if (origins.has(realPathOr(file)) || named.has(file)) continue;
    const objects = modelObjects(file);
    if (objects.length === 0) continue;
    const home = nearestKustomization(dirname(file), dir);
    const listed = home ? ` under resources: in ${relativeTo(root, home) || basename(home)}` : '';
    warnings.push(`${relativeTo(root, file)}: ${objects.join(', ')} ${objects.length === 1 ? 'is' : 'are'} in no ` +
      `kustomization, so kustomize (and Argo CD or Flux) never deploys ${objects.length === 1 ? 'it' : 'them'} ` +
      `and check does not check ${objects.length === 1 ? 'it' : 'them'}: list ${home ? relative(dirname(home), file).split(sep).join('/') : 'the file'}${listed}`);
  }
  return warnings;
}

/** The manifests and kustomization files under `dir`, in name order, without hidden folders and Helm charts. */
function walk(dir: string, root: string, excluded: Excluded, manifests: string[], kustomizations: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((entry) => entry.name === HELM_CHART_FILE)) return;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (manifests.length >= MAX_FILES) return;
    const full = join(dir, entry.name);
    const shown = relativeTo(root, full);
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || excluded(shown)) continue;
    if (entry.isDirectory()) walk(full, root, excluded, manifests, kustomizations);
    else if (!entry.isFile()) continue;
    else if (KUSTOMIZATION_FILES.includes(entry.name)) kustomizations.push(full);
    else if (MANIFEST.test(entry.name)) manifests.push(full);
  }
}

/** Every path a kustomization's strings name, from its folder (what it lists, patches, generates from). */
function collectNamed(file: string, named: Set<string>): void {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 0 });
  } catch {
    return; // a broken kustomization is the build's problem, reported there
  }
  const base = dirname(file);
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (!node.includes('://') && node.length < 4096) named.add(resolve(base, node.split('?')[0]));
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
}

/** The IoT model objects of a manifest, as "Kind namespace/name"; none for a file that is not one. */
function modelObjects(file: string): string[] {
  try {
    if (statSync(file).size > LIMITS.fileBytes) return [];
    const { objects } = readManifests(readFileSync(file), file);
    return objects.map(({ object }) => ({ object, kind: canonicalKind(object.apiVersion, object.kind) }))
      .filter(({ kind }) => kind !== undefined && kind !== 'Namespace')
      .map(({ object }) => `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name ?? ''}`);
  } catch {
    return [];
  }
}

/** The kustomization file of the nearest folder from `from` up to `dir` that has one. */
function nearestKustomization(from: string, dir: string): string | undefined {
  for (let at = from; ; at = dirname(at)) {
    for (const name of KUSTOMIZATION_FILES) {
      try {
        if (statSync(join(at, name)).isFile()) return join(at, name);
      } catch {
        // none here
      }
    }
    if (at === dir || at === dirname(at) || !at.startsWith(dir)) return undefined;
  }
}
