/**
 * `check`'s GitOps part: the repository the tree belongs to, the rendering of its Argo CD and Flux sources (see
 * gitops/render-sources.ts) with a warning for each source not checked, and with `--application` the scoped gate
 * of the Argo CD Config Management Plugin: the whole repository is the inventory, but only findings on objects that
 * Application renders count; the others are printed as warnings.
 */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { CliError } from '../errors';
import type { Batch } from '../gitops/read';
import { gitopsExpander, resourceKey, type GitopsResult } from '../gitops/render-sources';
import type { KustomizeRunner } from '../gitops/kustomize';
import { findRepository } from '../gitops/repository';
import { findingText, projectResource } from '../output/resources';
import { runnableFix, type FixTarget } from '../output/fixes';
import { escapeControls } from '../output/sanitize';
import type { CheckReport } from '../policy/types';
import type { CheckArgs } from './args';
import { validNamespace } from './options';
import { err, type Context } from '../context';

export interface GitopsReading {
  /** readInventory's expand option. */
  expand: (batch: Batch) => Promise<Batch>;
  /** Prints the warnings of the reading and, with --application, keeps only the findings that Application owns. */
  finish: (report: CheckReport) => CheckReport;
}

/** Sets up the GitOps-aware reading of `paths` (`relativeTo`: the folder shown file names start from). */
export function gitopsReading(args: CheckArgs, paths: string[], relativeTo: string, defaultNamespace: string,
  kustomize: KustomizeRunner): GitopsReading {
  const folder = paths.find((p) => p !== '-' && statSync(p, { throwIfNoEntry: false })?.isDirectory()) ?? '.';
  const repository = findRepository(folder, { root: args['repo-root'], urls: args['repo-url'] });
  const application = args.application === undefined ? undefined : applicationOf(args);
  const result: GitopsResult = { unchecked: [] };
  return {
    expand: gitopsExpander({ repository, relativeTo: resolve(relativeTo), defaultNamespace, application, kustomize }, result),
    finish: (report) => {
      for (const { owner, at, reason } of result.unchecked) {
        err(args.ctx, `warning: ${at ? `${at.file}:${at.line}: ` : ''}${escapeControls(`${owner}: ${reason}`)}`);
      }
      return result.scope ? scoped(report, result.scope, args.ctx, fixTarget(args, paths)) : report;
    },
  };
}

/**
 * Where the printed fixes of a check act (output/fixes.ts): the cluster with --live, else the one folder checked,
 * named from --repo-root when it is given (the Argo CD plugin checks a copy of the repository, whose path means
 * nothing to the person reading the fix: from the repository's root it does), else from the working directory.
 * Stdin and several paths name no one tree: undefined, and the fixes are printed as the pack words them.
 */
export function fixTarget(args: CheckArgs, paths: string[]): FixTarget | undefined {
  if (args.live) return { apply: true };
  if (paths.length !== 1 || paths[0] === '-' || !statSync(paths[0], { throwIfNoEntry: false })?.isDirectory()) return undefined;
  const from = args['repo-root'] === undefined ? args.ctx.cwd() : resolve(String(args['repo-root']));
  const path = relative(from, resolve(paths[0]));
  return { gitopsDir: path.startsWith('..') || isAbsolute(path) ? paths[0] : path };
}

function applicationOf(args: CheckArgs): { dir: string; namespace?: string } {
  const dir = resolve(String(args.application));
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliError(`--application ${String(args.application)}: not a folder; give the Application's source folder`);
  }
  const namespace = args['destination-namespace'] || undefined;
  return { dir, namespace: namespace === undefined ? undefined : validNamespace(namespace, '--destination-namespace') };
}

/** The findings and projects of objects in `scope`; every other finding goes to stderr as a warning. */
function scoped(report: CheckReport, scope: Set<string>, ctx: Context, target: FixTarget | undefined): CheckReport {
  const inScope = (r: { apiVersion: string; kind: string; namespace?: string; name: string }) =>
    scope.has(resourceKey(r.apiVersion, r.kind, r.namespace, r.name));
  const results = report.results.filter((finding) => {
    if (inScope(finding.resource)) return true;
    const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}: ` : '';
    err(ctx, `warning: ${escapeControls(`${where}${finding.policy}: ${findingText(finding)} (not rendered by this Application; ` +
      `fix: ${runnableFix(finding.remediation, target)})`)}`);
    return false;
  });
  const projects = report.projects.filter((p) => inScope(projectResource(p)));
  return {
    summary: {
      ...report.summary,
      projects: projects.length,
      errors: results.filter((r) => r.severity === 'error').length,
      warnings: results.filter((r) => r.severity === 'warning').length,
    },
    projects,
    results,
  };
}
