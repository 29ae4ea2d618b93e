/** The inventory reader's options (read.ts readInventory and readBatch), and what readBatch returns. */
import type { Excluded } from './exclude';
import type { KustomizeRunner } from './kustomize';
import type { Problem } from './parse';
import type { ParseFiles } from './read-file';
import type { Entry } from './read-identity';
import type { FluxWalk } from './read-walk';

export interface ReadOptions {
  /** Namespace for namespaced objects that name none (what `kubectl apply -n` would use). */
  defaultNamespace: string;
  /** The bytes of stdin (a string is taken as already decoded, so invalid UTF-8 can no longer be told). */
  readStdin?: () => Promise<string | Uint8Array>;
  /** Renders a kustomization folder (kustomize.ts kustomizeWith, with the command's environment). */
  kustomize: KustomizeRunner;
  /** Make every file relative to this folder (default: to the folder argument it was found in). */
  relativeTo?: string;
  /** The working directory folders outside the paths are named from (check passes its context's; default: this process's). */
  cwd?: string;
  /**
   * Changes what was read before namespaces are defaulted and duplicates sought: gitops/render-sources.ts
   * renders the folders Argo CD Applications and Flux Kustomizations deploy, as those tools would.
   */
  expand?: (batch: Batch) => Promise<Batch>;
  /** Where a large folder walk parses its files (worker threads); asked only for walks of many files. */
  parallel?: () => ParseFiles | undefined;
  /**
   * Hears what the walk leaves out and why (a Helm chart below a checked folder), as `FOLDER: message`; without
   * it, what would be left out is a problem: nothing is skipped that nobody is told about.
   */
  warn?: (message: string) => void;
  /**
   * What an earlier reading found in a file, by its real path (gitops/render-sources.ts: the tree's own reading,
   * for the folders its Argo CD and Flux sources deploy): used instead of reading and parsing the file again.
   */
  known?: (real: string) => KnownFile | undefined;
  /** What folder walks leave out (check's --exclude, gitops/exclude.ts), by the path below the walked folder. */
  excluded?: Excluded;
  /**
   * A folder rendered by `kustomize` though it has no kustomization file: the runner writes one (a Flux
   * Kustomization with kustomize fields, gitops/flux-kustomize.ts, as kustomize-controller generates one).
   */
  rendered?: string;
  /** Folders without a kustomization are walked as Flux reads them (read-walk.ts FluxWalk): a Flux source's. */
  flux?: FluxWalk;
  /** Why a .jsonnet file of a walked folder is not checked (an Argo CD source's; read-walk.ts WalkOptions). */
  jsonnet?: string;
}

/**
 * A file an earlier reading read: its entries, in order (shared with it: a reader never changes them, and passes
 * them on as they are, so that a file read twice costs no second object, entry or origin string).
 */
export interface KnownFile {
  entries: Entry[];
}

/** What was read, unfinished: objects with their namespaces as written, and the problems met. */
export interface Batch {
  entries: Entry[];
  problems: Problem[];
  /** The real paths of files with a document that is no Kubernetes object (ReadResult.shapeless). */
  shapeless?: Set<string>;
}
