/**
 * The Applications an Argo CD ApplicationSet generates, for the generators whose parameters the tree decides:
 * `list` (inline elements) and `git` directories of this repository. Other generators (clusters, SCM, pull
 * requests, matrix, ...) need a cluster or a service: they are reported, not guessed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../model/kinds';
import { isThisRepository, type Repository } from './repository';

export interface GeneratedApps {
  apps: KubeObject[];
  /** Why some generators were not expanded (`not checked: ...`), or what of the template is left out. */
  unchecked: string[];
}

type Params = Record<string, unknown>;

/** The Applications of an ApplicationSet, and what of it could not be expanded. */
export function applicationSetApps(set: KubeObject, repository: Repository): GeneratedApps {
  const spec = record(set.spec);
  const template = record(spec.template);
  const goTemplate = spec.goTemplate === true;
  const result: GeneratedApps = { apps: [], unchecked: [] };
  if (spec.templatePatch !== undefined) result.unchecked.push('rendered without its templatePatch (not applied by kubectl iot)');
  for (const generator of Array.isArray(spec.generators) ? spec.generators.map(record) : []) {
    const kind = Object.keys(generator).find((k) => k !== 'selector' && k !== 'values') ?? '(empty)';
    const params = kind === 'list' ? listParams(record(generator.list), result)
      : kind === 'git' ? gitParams(record(generator.git), repository, result) : undefined;
    if (!params) {
      if (kind !== 'list' && kind !== 'git') result.unchecked.push(`not checked: its ${kind} generator needs a cluster or a service to expand`);
      continue;
    }
    for (const values of params) {
      const app = render(template, values, goTemplate);
      if (app === undefined) {
        result.unchecked.push(`not checked: its template uses more than parameters ({{...}} left after expanding the ${kind} generator)`);
        break;
      }
      const metadata = record(app.metadata);
      result.apps.push({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { ...metadata, name: String(metadata.name ?? '') }, spec: app.spec } as KubeObject);
    }
  }
  return result;
}

function listParams(list: Params, result: GeneratedApps): Params[] | undefined {
  if (!Array.isArray(list.elements)) {
    result.unchecked.push('not checked: its list generator has no inline elements (elementsYaml is not expanded)');
    return undefined;
  }
  return list.elements.map(record);
}

/** A git generator's directories (of this repository only): `path` parameters, as Argo CD names them. */
function gitParams(git: Params, repository: Repository, result: GeneratedApps): Params[] | undefined {
  if (!Array.isArray(git.directories)) {
    result.unchecked.push('not checked: its git files generator is not expanded (only git directories are)');
    return undefined;
  }
  if (!isThisRepository(repository, git.repoURL)) {
    result.unchecked.push(`not checked: its git generator reads ${String(git.repoURL)}, another repository than the one checked`);
    return undefined;
  }
  const entries = git.directories.map(record);
  const excluded = new Set(entries.filter((e) => e.exclude === true).flatMap((e) => matchFolders(repository.root, String(e.path))));
  const folders = entries.filter((e) => e.exclude !== true).flatMap((e) => matchFolders(repository.root, String(e.path)));
  return [...new Set(folders)].filter((f) => !excluded.has(f)).sort().map(pathParams);
}

/** Argo CD's parameters of a directory: flat names for fasttemplate, a `path` object for Go templates. */
function pathParams(path: string): Params {
  const segments = path.split('/');
  const basename = segments[segments.length - 1];
  const basenameNormalized = basename.toLowerCase().replace(/[^a-z0-9-.]/g, '-');
  const flat: Params = { path, 'path.path': path, 'path.basename': basename, 'path.basenameNormalized': basenameNormalized };
  segments.forEach((segment, i) => { flat[`path[${i}]`] = segment; });
  return { ...flat, '.path': { path, basename, basenameNormalized, segments } };
}

/** Folders of `root` matching a path pattern whose segments may hold `*`, `?` and `[...]` (Go's path.Match). */
function matchFolders(root: string, pattern: string): string[] {
  let matches = [''];
  for (const segment of pattern.split('/').filter((s) => s !== '' && s !== '.')) {
    const test = globSegment(segment);
    matches = matches.flatMap((prefix) => {
      let names: string[];
      try {
        names = readdirSync(join(root, prefix), { withFileTypes: true })
          .filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
      } catch {
        return [];
      }
      return names.filter((name) => test.test(name)).map((name) => (prefix ? `${prefix}/${name}` : name));
    });
  }
  return matches.filter(Boolean);
}

function globSegment(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^');
  return new RegExp(`^${body}$`);
}

/** The template with parameters in every string; undefined when a `{{...}}` is left that this cannot evaluate. */
function render(template: Params, params: Params, goTemplate: boolean): Params | undefined {
  let unresolved = false;
  const expand = (value: string): string => value.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, expr: string) => {
    const resolved = goTemplate ? goValue(expr, params) : own(params, expr);
    if (resolved === undefined || (typeof resolved === 'object' && resolved !== null)) {
      unresolved = true;
      return whole;
    }
    return String(resolved);
  });
  const walk = (value: unknown): unknown => typeof value === 'string' ? expand(value)
    : Array.isArray(value) ? value.map(walk)
      : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)])) : value;
  const out = walk(template) as Params;
  return unresolved ? undefined : out;
}

/** `.a.b` and `index .a.b N` of a Go template, over list elements (as is) and directory parameters. */
function goValue(expr: string, params: Params): unknown {
  const index = /^index\s+(\.[\w.]+)\s+(\d+)$/.exec(expr);
  const lookup = (path: string): unknown => {
    const [head, ...rest] = path.slice(1).split('.');
    let value: unknown = head === 'path' ? params['.path'] : own(params, head);
    for (const key of rest) value = own(record(value), key);
    return value;
  };
  if (index) {
    const list = lookup(index[1]);
    return Array.isArray(list) ? list[Number(index[2])] : undefined;
  }
  return /^\.[\w.]+$/.test(expr) ? lookup(expr) : undefined;
}

/** A parameter the template names: an own key only (`{{constructor}}` is no parameter of a plain object). */
function own(params: Params, key: string): unknown {
  return Object.hasOwn(params, key) ? params[key] : undefined;
}

function record(value: unknown): Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Params : {};
}
