/** The folder walk of the inventory reader (read.ts): what a folder holds to read, in reading order. */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describeFsError } from '../errors';
import { NOTHING_EXCLUDED, type Excluded } from './exclude';
import { cwdName, folderName, notRegular, relativeTo, shellWord } from './read-paths';
import { KUSTOMIZATION_FILES } from './read-sources';
import type { LeftOut } from './source-ignore';

export type FileStep = { kind: 'file'; full: string; shown: string; flux?: true };

/** One step of a folder walk, in reading order. */
export type Step = FileStep | { kind: 'link'; full: string; shown: string } |
  { kind: 'render'; full: string; shown: string } | { kind: 'problem'; shown: string; message: string } |
  { kind: 'skip'; shown: string; message: string };

/** What makes a folder a Helm chart (Helm reads no other name). */
const HELM_CHART_FILE = 'Chart.yaml';

/** The files a folder walk reads; any other file (README.md, scripts, images) is not a manifest and is skipped. */
const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * A folder as Flux's kustomize-controller reads one without a kustomization (ReadOptions.flux): from the
 * GitRepository's artifact, which holds no links and leaves out what `leftOut` names (source-ignore.ts), and then
 * only the files whose extension is exactly .yaml or .yml (fluxcd/pkg/kustomize's generator), hidden ones too.
 */
export interface FluxWalk {
  leftOut: (full: string) => LeftOut | undefined;
}

/** What a walk leaves out or reads differently (ReadOptions: check's --exclude, a Flux or Argo CD source's rules). */
export interface WalkOptions {
  excluded?: Excluded;
  /** A folder rendered by kustomize though it has no kustomization file (ReadOptions.rendered). */
  rendered?: string;
  flux?: FluxWalk;
  /** Why a .jsonnet file is not checked, for a tool that evaluates them (Argo CD); unset: it is no manifest. */
  jsonnet?: string;
}

/** The Jsonnet files Argo CD's directory source evaluates (its manifest pattern, as written). */
export const JSONNET = /\.jsonnet$/;

/** The files Flux's generator takes (Go's filepath.Ext, compared as is). */
const FLUX_MANIFEST = /\.ya?ml$/;

/**
 * Why Flux does not take the file `full` of a folder it writes the kustomization for (a link, not a .yaml or .yml
 * file, left out of the GitRepository's artifact), as a warning's reason; undefined when it takes it. The walk, the
 * kustomization Flux writes (flux-kustomize.ts) and the warning about the tree's files Flux skips all ask this.
 */
export function fluxLeavesOut(flux: FluxWalk, full: string, link: boolean): string | undefined {
  if (link) return 'a GitRepository artifact holds no links; make them regular files';
  if (!FLUX_MANIFEST.test(basename(full))) {
    return 'Flux writes the kustomization of a folder without one from its .yaml and .yml files only; rename them, or list them in a kustomization.yaml';
  }
  const left = flux.leftOut(full);
  return left && `the GitRepository's artifact leaves them out (${JSON.stringify(left.pattern)} of ${left.from})`;
}

/** A FluxWalk of an artifact that leaves nothing out. */
export const WHOLE_ARTIFACT: FluxWalk = { leftOut: () => undefined };

/**
 * Adds the steps of walking `dir` (below the checked `root`; `cwd` names folders outside it) to `steps`, in
 * reading order: names sorted, folders depth first, a folder with a kustomization rendered instead of walked, a
 * Helm chart below the root skipped with a warning (its templates are not manifests until Helm renders them; as
 * the checked folder itself, it is a problem).
 * `counted` hears the number of steps after each file, so that a walk of many files can start the worker threads
 * (~50 ms) while it goes on. The folder `rendered` is rendered even without a kustomization (ReadOptions.rendered). Not synchronous: checking a million projects (200,001 files) then peaked at
 * 1,817-1,865 MiB against 1,707-1,744 MiB (four and two runs), for no gain at 10,000 projects.
 */
export async function walkFolder(dir: string, root: string, cwd: string, steps: Step[],
  counted: (steps: number) => void, options: WalkOptions = {}): Promise<void> {
  const { excluded = NOTHING_EXCLUDED, rendered, flux } = options;
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    steps.push({ kind: 'problem', shown: folderName(root, dir, cwd), message: describeFsError(error as NodeJS.ErrnoException) });
    return;
  }
  if (dir === rendered || entries.some((e) => (e.isFile() || e.isSymbolicLink()) && KUSTOMIZATION_FILES.includes(e.name))) {
    steps.push({ kind: 'render', full: dir, shown: folderName(root, dir, cwd) });
    return;
  }
  // Flux's generator has no such exception: a chart's files are YAML files like any other there.
  if (!flux && entries.some((e) => (e.isFile() || e.isSymbolicLink()) && e.name === HELM_CHART_FILE)) {
    const shown = folderName(root, dir, cwd);
    const render = `helm template ${shellWord(cwdName(cwd, dir))} | kubectl iot check -`;
    if (dir === root) steps.push({ kind: 'problem', shown, message: `a Helm chart, which kubectl iot does not render; check what it renders: ${render}` });
    else steps.push({ kind: 'skip', shown, message: `a Helm chart, not checked (its templates are not manifests until Helm renders them); check what it renders: ${render}` });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (flux ? entry.name === '.git' : entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (excluded(relativeTo(root, full))) continue;
    if (entry.isDirectory()) {
      await walkFolder(full, root, cwd, steps, counted, options);
      continue;
    }
    if (flux && fluxLeavesOut(flux, full, entry.isSymbolicLink())) continue;
    if (options.jsonnet !== undefined && JSONNET.test(entry.name)) {
      steps.push({ kind: 'skip', shown: relativeTo(root, full), message: options.jsonnet });
      continue;
    }
    if (!MANIFEST.test(entry.name)) continue;
    const shown = relativeTo(root, full);
    if (entry.isFile()) counted(steps.push({ kind: 'file', full, shown, ...(flux ? { flux: true as const } : {}) }));
    else if (entry.isSymbolicLink()) steps.push({ kind: 'link', full, shown });
    else steps.push({ kind: 'problem', shown, message: notRegular(entry) });
  }
}
