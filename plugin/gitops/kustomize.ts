/** Renders a kustomization with the real kustomize (kubectl's built-in one), keeping each object's origin file. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { CliError } from '../errors';

const ORIGIN = 'config.kubernetes.io/origin';
/** The builtin generator that renders a kustomization's helmCharts. */
export const HELM_GENERATOR = 'HelmChartInflationGenerator';

/** A rendered kustomization: the YAML stream, and the folder its origin paths are relative to. */
export interface Rendered {
  text: string;
  originBase: string;
}

/**
 * How a build runs. `withoutHelm`: without --enable-helm, as a tool that never renders helmCharts builds (Flux's
 * kustomize-controller); it says who cannot deploy them and why, for the failure of a kustomization that has them.
 */
export interface KustomizeOptions {
  withoutHelm?: string;
  /**
   * The folder is in a mirror of the repository (`top` mirrors `root`, see flux-kustomize.ts): the origin overlay is
   * made in it, and origins name the repository's files.
   */
  mirror?: { top: string; root: string };
}

/** Runs `kubectl kustomize`; injectable so tests and other engines can swap the binary. */
export type KustomizeRunner = (dir: string, options?: KustomizeOptions) => Promise<Rendered>;

/**
 * Builds `dir` through a throw-away overlay that only adds origin annotations, so every rendered object
 * names the file it came from. The user's tree is never written to. The kubectl is `env`'s KUBECTL, else the one
 * on PATH: `env` is the running command's (its context's), never read here from the process.
 */
export function kustomizeWith(env: NodeJS.ProcessEnv): KustomizeRunner {
  return async (dir, { withoutHelm, mirror } = {}) => {
    const overlay = await mkdtemp(join(mirror?.top ?? tmpdir(), mirror ? '.kubectl-iot-kustomize-' : 'kubectl-iot-kustomize-'));
    try {
      const target = relative(overlay, resolve(dir));
      await writeFile(join(overlay, 'kustomization.yaml'),
        `resources:\n- ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
      // --enable-helm: a kustomization's helmCharts render as Argo CD renders them with that build option (kustomize
      // runs helm only for a kustomization that has helmCharts).
      const text = await run(env.KUBECTL ?? 'kubectl',
        ['kustomize', ...(withoutHelm === undefined ? ['--enable-helm'] : []), '--load-restrictor', 'LoadRestrictionsNone', overlay],
        dir, env, withoutHelm);
      return { text, originBase: mirror ? join(mirror.root, relative(mirror.top, overlay)) : overlay };
    } finally {
      await rm(overlay, { recursive: true, force: true });
    }
  };
}

function run(command: string, args: string[], dir: string, env: NodeJS.ProcessEnv, withoutHelm?: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(command, args, { env, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return done(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return fail(new CliError(`${dir}: needs kubectl (for its built-in kustomize) on PATH to render kustomization.yaml`));
      }
      if (withoutHelm !== undefined && /must specify --enable-helm/.test(stderr)) {
        return fail(new CliError(`${dir}: renders a Helm chart (helmCharts), which ${withoutHelm}`));
      }
      if (/\(is 'helm' installed\?\)/.test(stderr)) {
        return fail(new CliError(`${dir}: renders a Helm chart (helmCharts), which needs helm on PATH; install Helm 3`));
      }
      fail(new CliError(`${dir}: kustomize build failed: ${kustomizeReason(stderr || error.message)}`));
    });
  });
}

/**
 * Where a rendered object came from, removing the annotation that said so: its file (relative to the overlay), or
 * for a generated object the generator's kind (`HelmChartInflationGenerator` for a helmCharts entry).
 */
export function takeOrigin(object: { metadata: { annotations?: Record<string, string> } }): { path?: string; generator?: string } {
  const annotations = object.metadata.annotations;
  const origin = annotations?.[ORIGIN];
  if (!annotations || origin === undefined) return {};
  delete annotations[ORIGIN];
  if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
  const unquote = (text: string | undefined) => text?.trim().replace(/^['"]|['"]$/g, '') || undefined;
  return { path: unquote(/^path: (.+)$/m.exec(origin)?.[1]), generator: unquote(/^configuredBy:\n(?: .*\n)*? +kind: (.+)$/m.exec(origin)?.[1]) };
}

/**
 * The useful part of kustomize's error: without klog's header (one line, or a multi-line `err=<` block), without Go
 * type names, and without the wrapping our origin overlay adds ("accumulating resources from '../x': ...
 * couldn't make target for path ...: <reason>").
 */
export function kustomizeReason(stderr: string): string {
  const text = stderr.trim();
  const block = /err=<\n([\s\S]*?)\n\s*>\s*$/.exec(text)?.[1];
  const line = block !== undefined
    ? block.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')
    : text.split('\n').pop() ?? '';
  const quoted = block === undefined ? /err="((?:[^"\\]|\\.)*)"/.exec(line)?.[1]?.replace(/\\"/g, '"') : undefined;
  let reason = (quoted ?? line).replace(/^Error: /, '').replace(/^map\[string\]interface \{\}\(nil\): /, '');
  // A remote resource: written as a URL (https://, ssh://, git::, git@), or any resource kustomize tried to fetch
  // with git (github.com/org/repo//path?ref=v1 has no scheme); the innermost one named is the one that failed.
  const from = [...reason.matchAll(/accumulating resources from '([^']*)': /g)];
  const remote = from.filter((m) => /^(?:[a-z][a-z0-9+.-]*:\/\/|git::|git@)/i.test(m[1])).pop() ??
    (/failed to run '[^']*\bgit (?:fetch|clone|init)\b/.test(reason) ? from.pop() : undefined);
  if (remote?.index !== undefined) {
    const after = reason.slice(remote.index + remote[0].length);
    const fatal = after.lastIndexOf('fatal: ');
    const cause = (fatal >= 0 ? after.slice(fatal + 7) : after).replace(/\s*: exit status \d+$/, '').replace(/'$/, '').trim();
    return `resource "${remote[1]}" cannot be fetched: ${cause} (kustomize fetches remote resources at every build: ` +
      'check needs network access to them, or vendor them into the tree)';
  }
  // An object two of a folder's resources define: kustomize names the file it merged last (read, then not a folder).
  const twice = /merging resources from '([^']*)': (may not add resource with an already registered id: [^']*)'/.exec(reason);
  if (twice) return `resource "${twice[1]}": ${twice[2].replace(/: /, ' ')} (defined twice: define each object once)`;
  // A resource that is no YAML: the reader names its file and line (sourceProblems); kustomize says which resource
  // (its line is counted within one document of the file, so it is left out).
  const malformed = /accumulating resources from '([^']*)': MalformedYAMLError: (?:yaml: )?(?:line \d+: )?(.*?)(?: in File: [^']*)?'*$/.exec(reason);
  if (malformed) return `resource "${malformed[1]}" is malformed YAML: ${malformed[2]}`;
  const missing = /accumulating resources from '([^']*)': open ([^:']*): ([^:']*)/.exec(reason);
  if (missing) return `resource "${missing[1]}" cannot be read: ${missing[3]} (${missing[2]})`;
  // A resource kustomize could read neither as a file of objects nor as a folder: the first reason is the one.
  const neither = reason.indexOf("': must build at directory");
  if (neither >= 0) {
    const head = reason.slice(0, neither);
    const from = [...head.matchAll(/accumulating resources from '([^']*)': /g)].pop();
    if (from?.index !== undefined) return `resource "${from[1]}": ${head.slice(from.index + from[0].length)}`;
  }
  reason = reason.replace(/^.*couldn't make target for path '[^']*': /, '');
  const wrapped = /^accumulating resources: accumulation err='accumulating resources from '[^']*': (.*)'$/.exec(reason);
  return (wrapped ? wrapped[1] : reason) || 'failed';
}

/**
 * The kustomize builds of a walk's kustomization folders (`dirs`, in walk order), started ahead of their turn so
 * that as many run at once as there are cores (each build is a process of its own: a tree of 20 kustomizations of
 * 500 objects each took 18 s one build at a time). `take(dir)` gives a folder's build and starts the next ones;
 * a build nobody takes (a Component, a kustomization with problems) is ignored, its failure too.
 */
export function buildsAhead(dirs: string[], kustomize: KustomizeRunner): (dir: string) => Promise<Rendered> | undefined {
  const started = new Map<string, Promise<Rendered>>();
  const limit = Math.max(1, availableParallelism());
  let next = 0;
  return (dir) => {
    const at = dirs.indexOf(dir, Math.max(0, next - limit));
    for (; at >= 0 && next < Math.min(dirs.length, at + limit); next++) {
      const build = kustomize(dirs[next]);
      build.catch(() => undefined); // awaited by render, or never: not an unhandled rejection
      started.set(dirs[next], build);
    }
    const build = started.get(dir);
    started.delete(dir);
    return build;
  };
}
