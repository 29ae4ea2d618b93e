/**
 * Reads files, folders and stdin into one inventory of objects, each with the file and line it came from.
 *
 * It fails closed and reports everything at once: every problem of every file (unreadable, binary, malformed, not
 * a Kubernetes object, over a limit) and every object defined twice is collected, and the run ends with one
 * InputError listing them all (at most LIMITS.problems lines), instead of stopping at the first.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CliError, describeFsError, InputError } from '../errors';

export { describeFsError } from '../errors';
import type { LocatedObject } from '../policy/types';
import type { Batch, KnownFile, ReadOptions } from './read-options';
import { buildsAhead, HELM_GENERATOR, takeOrigin, type Rendered } from './kustomize';
import { fileTooLarge, LIMITS } from './limits';
import { cappedProblems, formatProblem, readManifests, type Problem, type ReadResult } from './parse';
import { EncodedObject, headOf, interner } from '../policy/encoded';
import { parseFileSync, parseFilesSync, type EncodedResult, type ParseFiles, type ParsedFile } from './read-file';
import { defaultNamespace, definedTwice, identity, sameDefinition, type Entry } from './read-identity';
import { excludeHint, folderName, notRegular, realPathOr, relativeTo } from './read-paths';
import { walkFolder, type FileStep, type Step } from './read-walk';
import { unlistedWarnings } from './unlisted';
import { COMPONENT_ALONE, KUSTOMIZATION_FILES, readKustomization, SourceLines, sourceProblems } from './read-sources';

export type { LocatedObject } from '../policy/types';
export type { Batch, ReadOptions } from './read-options';
export { defaultNamespace, type Entry } from './read-identity';

/**
 * Files of a folder walk parsed in one task (of a worker thread, see threads/pool.ts), and the tasks in flight ahead
 * of the one being added. One task per file was mostly the cost of its messages, and left the workers idle a
 * third of the time waiting for this thread (check of 2,001 files on two workers: 0.96 s with one file a task,
 * 0.89 s with runs of 16; runs of 8 to 64 measure alike).
 */
const CHUNK_FILES = 16;
const READ_AHEAD = 4;

/** A file read ahead: its real path, and its size and objects (none beyond the size limit), or the error reading it. */
type Prefetched = ParsedFile & { real: string; known?: KnownFile };

/** Files a folder walk must hold for its reading to go to worker threads (fewer are read faster in this thread). */
const PARALLEL_FILES = 64;

export const STDIN_NAME = 'stdin';


/** Reads every path (a file, a folder, or `-` for stdin) into one cross-file inventory; throws InputError. */
export async function readInventory(paths: string[], options: ReadOptions): Promise<LocatedObject[]> {
  const reader = new TreeReader(options);
  for (const path of paths) await reader.readPath(path);
  if (options.expand) reader.replace(await options.expand(reader.batch()));
  return reader.finish();
}

/** Reads paths as readInventory does, but returns them unfinished (no namespace defaulted, no duplicate sought). */
export async function readBatch(paths: string[], options: ReadOptions): Promise<Batch> {
  const reader = new TreeReader(options);
  for (const path of paths) await reader.readPath(path);
  return reader.batch();
}

class TreeReader {
  private readonly entries: Entry[] = [];
  private readonly problems: Problem[] = [];
  /** Real paths of the files already read as input (and stdin), so that overlapping arguments read each once. */
  private readonly done = new Set<string>();
  /** Files with a document that is no Kubernetes object (Batch.shapeless). */
  private readonly shapeless = new Set<string>();
  /** The documents of kustomize's source files, to find the line a rendered object came from. */
  private readonly sources = new SourceLines();
  /** One copy of each apiVersion, kind and namespace of the objects read on worker threads (policy/encoded.ts). */
  private readonly intern = interner();
  private readonly cwd: string;
  private parallel?: { parse?: ParseFiles };
  constructor(private readonly options: ReadOptions) {
    this.cwd = options.cwd ?? process.cwd();
  }

  async readPath(path: string): Promise<void> {
    if (path === '-') return this.readStdin();
    const root = this.options.relativeTo === undefined ? undefined : resolve(this.options.relativeTo);
    const absolute = resolve(path);
    const shown = root === undefined ? path : relativeTo(root, absolute) || path;
    let info: Stats;
    try {
      info = statSync(absolute);
    } catch (error) {
      return this.problem(shown, describeFsError(error as NodeJS.ErrnoException));
    }
    if (info.isDirectory()) return this.readFolder(absolute, root ?? absolute);
    if (!info.isFile()) return this.problem(shown, notRegular(info));
    return this.readFileInput(absolute, shown);
  }

  /** What was read so far (the arrays themselves: options.expand builds new ones). */
  batch(): Batch {
    return { entries: this.entries, problems: this.problems, shapeless: this.shapeless };
  }

  /** Puts `batch` (what options.expand made of this reader's batch) in place of what was read. */
  replace(batch: Batch): void {
    const entries = batch.entries.slice();
    const problems = batch.problems.slice();
    this.entries.length = 0;
    this.problems.length = 0;
    for (const entry of entries) this.entries.push(entry);
    for (const problem of problems) this.problems.push(problem);
  }

  /** Every object read, namespaces defaulted; throws every problem found (and every object defined twice). */
  finish(): LocatedObject[] {
    const kept: LocatedObject[] = [];
    const seen = new Map<string, Entry>();
    for (const entry of this.entries) {
      const { located } = entry;
      defaultNamespace(located, this.options.defaultNamespace);
      const key = identity(headOf(located), this.options.defaultNamespace);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, entry);
        kept.push(located);
      } else if (!sameDefinition(first, entry)) {
        const { source } = located;
        this.problems.push({ file: source.file, line: source.line, message: definedTwice(first.located, located.object) });
      }
    }
    if (this.problems.length > 0) throw new InputError(cappedProblems(this.problems.map(formatProblem)));
    return kept;
  }

  private async readStdin(): Promise<void> {
    if (!this.options.readStdin) throw new CliError('reading from stdin (-) is not possible here');
    if (this.done.has(STDIN_NAME)) return;
    this.done.add(STDIN_NAME);
    const result = readManifests(await this.options.readStdin(), STDIN_NAME);
    // As `kubectl apply -f -` refuses it: an empty pipe is most often a command before it that failed
    // (`helm template ... | kubectl iot check -` without pipefail), and checking nothing must not pass.
    if (result.objects.length === 0 && result.problems.length === 0) {
      return this.problem(STDIN_NAME, 'no Kubernetes objects in the input; did the command before the pipe fail?');
    }
    this.add(result, STDIN_NAME, STDIN_NAME);
  }

  /**
   * A folder with a kustomization is rendered; any other folder is walked for manifests. The walk lists what to
   * read in order first; files are then read and parsed in runs of CHUNK_FILES, up to READ_AHEAD runs ahead of the
   * one being added, and added in order, so I/O and parsing overlap adding while memory holds a window of files,
   * not the tree.
   */
  private async readFolder(dir: string, root: string): Promise<void> {
    const steps: Step[] = [];
    await walkFolder(dir, root, this.cwd, steps, (count) => {
      if (count === PARALLEL_FILES) this.workers();
    }, this.options);
    // The walk follows no link to a folder, so a regular file's real path is the real folder's plus its name.
    const realDir = await realpath(dir).catch(() => undefined);
    const files = steps.filter((step): step is FileStep => step.kind === 'file');
    const parse: ParseFiles = (files.length >= PARALLEL_FILES ? this.workers() : undefined) ??
      (async (list) => parseFilesSync(list));
    const runs = Array.from({ length: Math.ceil(files.length / CHUNK_FILES) }, (_, n) => files.slice(n * CHUNK_FILES, (n + 1) * CHUNK_FILES));
    const started = new Map<number, Promise<Prefetched[]>>();
    const start = (n: number) => {
      if (n >= runs.length || started.has(n)) return;
      started.set(n, (async () => {
        const run = runs[n];
        const reals = run.map((step) => (realDir === undefined ? realPathOr(step.full) : join(realDir, relative(dir, step.full))));
        // Files read already (options.known) are not read again; the others are parsed here or on worker threads.
        const known = run.map((step, k) => this.knownAs(reals[k], step.shown));
        const unknown = run.filter((_, k) => known[k] === undefined);
        const parsed = unknown.length > 0 ? await parse(unknown) : [];
        let next = 0;
        return run.map((_, k) => ({ real: reals[k], ...(known[k] ? { known: known[k] } : parsed[next++]) }));
      })());
    };
    for (let n = 0; n < Math.min(READ_AHEAD, runs.length); n++) start(n);
    const builds = buildsAhead(steps.filter((step) => step.kind === 'render').map((step) => step.full), this.options.kustomize);
    let file = 0;
    for (const step of steps) {
      if (step.kind === 'file') {
        const n = Math.floor(file / CHUNK_FILES);
        start(n + READ_AHEAD);
        const run = await started.get(n)!;
        await this.readFileInput(step.full, step.shown, run[file % CHUNK_FILES], step.flux);
        file++;
        if (file % CHUNK_FILES === 0) started.delete(n);
      } else if (step.kind === 'link') await this.readLink(step.full, step.shown);
      else if (step.kind === 'render') await this.render(step.full, root, builds(step.full));
      else if (step.kind === 'skip' && this.options.warn) this.options.warn(`${step.shown}: ${step.message}`);
      else this.problem(step.shown, step.message);
    }
  }

  /** Where the files of a large walk are parsed: options.parallel's answer, asked once. */
  private workers(): ParseFiles | undefined {
    this.parallel ??= { parse: this.options.parallel?.() };
    return this.parallel.parse;
  }

  /** A link named like a manifest: its file is read; a link to a folder is not followed (kubectl -R does not either). */
  private async readLink(full: string, shown: string): Promise<void> {
    let target: Stats;
    try {
      target = await stat(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return this.problem(shown, code === 'ENOENT' ? 'a broken symbolic link' : describeFsError(error as NodeJS.ErrnoException));
    }
    if (target.isFile()) return this.readFileInput(full, shown);
    if (!target.isDirectory()) this.problem(shown, notRegular(target));
  }

  /** One file: read ahead by a folder walk (`read`), or read here; its size is the one of the descriptor read. */
  private async readFileInput(absolute: string, shown: string, read?: Prefetched, flux?: boolean): Promise<void> {
    const real = read?.real ?? realPathOr(absolute);
    if (this.done.has(real)) return; // the same file again (a folder and a file in it, or a link): one definition
    this.done.add(real);
    const known = read ? read.known : this.knownAs(real, shown);
    if (known) {
      for (const entry of known.entries) this.entries.push(entry);
      return;
    }
    const parsed = read ?? parseFileSync(absolute, shown, flux);
    if (parsed.error) return this.problem(shown, describeFsError(parsed.error as NodeJS.ErrnoException));
    const result = parsed.result ?? parsed.encoded;
    if (!result) return this.problem(shown, fileTooLarge(parsed.size ?? 0));
    this.add(read ? { ...result, problems: result.problems.map(excludeHint) } : result, shown, real);
  }

  private add(result: ReadResult | EncodedResult, shown: string, real: string): void {
    this.problems.push(...result.problems);
    if (result.shapeless) this.shapeless.add(real);
    this.addLocated(result.objects.map((item) => {
      const source = { file: shown, line: item.line };
      return 'json' in item ? new EncodedObject(item, source, this.intern) : { object: item.object, source };
    }), real);
  }

  /** A file's objects, in order, as entries (the documents on one line, a List's items, counted by position). */
  private addLocated(located: (LocatedObject & { source: { line: number } })[], real: string): void {
    const positions = new Map<number, number>();
    for (const object of located) {
      const { line } = object.source;
      const position = positions.get(line) ?? 0;
      positions.set(line, position + 1);
      this.entries.push({ located: object, origin: `${real}:${line}`, position, file: real });
    }
  }

  /** What an earlier reading made of the file (ReadOptions.known), if it named the file `shown` as this one does. */
  private knownAs(real: string, shown: string): KnownFile | undefined {
    const known = this.options.known?.(real);
    return known && known.entries.every(({ located }) => located.source.file === shown) ? known : undefined;
  }

  /** A kustomization folder's objects, from its build (`built`: started ahead by buildsAhead). */
  private async render(dir: string, root: string, built?: Promise<Rendered>): Promise<void> {
    const shownDir = folderName(root, dir, this.cwd);
    const kustomization = await readKustomization(dir, root);
    this.problems.push(...kustomization.problems);
    if (kustomization.problems.length > 0) return;
    // A Component is checked inside the overlays that list it (their builds include it); named itself, nothing would be.
    if (kustomization.component) {
      if (dir === root) this.problem(shownDir, COMPONENT_ALONE);
      return;
    }
    let rendered: Rendered;
    try {
      rendered = await (built ?? this.options.kustomize(dir));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      // The files of the build that are broken, with file and line (kustomize's message often has neither), then
      // kustomize's own message: one problem per build, named by the folder as the user sees it.
      this.problems.push(...(await sourceProblems(dir, root)));
      const message = error.message.startsWith(`${dir}: `) ? error.message.slice(dir.length + 2) : error.message;
      return this.problem(shownDir, message);
    }
    const result = readManifests(rendered.text, `kustomize build of ${shownDir}`);
    this.problems.push(...result.problems);
    const reals: Record<string, string> = Object.create(null);
    for (const [i, { object }] of result.objects.entries()) {
      const origin = takeOrigin(object);
      const file = origin.path ? resolve(rendered.originBase, origin.path) : undefined;
      const line = file ? await this.sources.lineIn(file, object) : 1;
      const real = file ? (reals[file] ??= realPathOr(file)) : undefined;
      this.entries.push({
        located: { object, source: { file: relativeTo(root, file ?? join(dir, KUSTOMIZATION_FILES[0])), line } },
        origin: real ? `${real}:${line}` : `${dir}: kustomize #${i}`,
        renderedFrom: dir,
        ...(origin.generator === HELM_GENERATOR ? { fromHelm: true } : {}),
      });
    }
    // Files of the build's folder that no kustomization names (a kustomization Flux writes names them all).
    if (this.options.warn && KUSTOMIZATION_FILES.some((name) => existsSync(join(dir, name)))) {
      for (const warning of unlistedWarnings(dir, root, new Set(Object.values(reals)), this.options.excluded)) {
        this.options.warn(warning);
      }
    }
  }

  private problem(file: string, message: string, line?: number): void {
    this.problems.push({ file, line, message });
  }
}
