/**
 * The Git repository a checked tree belongs to: its root (Argo CD's `source.path` and Flux's `spec.path` start
 * there) and the URLs that name it (an Application's `repoURL`, a GitRepository's `url`), so that sources in this
 * repository are rendered and sources elsewhere are reported as not checked.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Repository {
  /** Absolute folder that repository paths are relative to. */
  root: string;
  /** Normalised URLs of this repository (see normalizeGitUrl); empty when none is known. */
  urls: Set<string>;
}

/**
 * The repository of `start` (a checked folder): `root` if given, else the nearest folder up with a `.git`, else
 * `start`; its URLs are `urls` plus the remotes of that `.git`'s config.
 */
export function findRepository(start: string, options: { root?: string; urls?: string[] } = {}): Repository {
  const from = resolve(start);
  const git = options.root === undefined ? gitFolder(from) : undefined;
  const root = resolve(options.root ?? (git ? dirname(git) : from));
  const urls = new Set((options.urls ?? []).filter(Boolean).map(normalizeGitUrl));
  const config = git ? configOf(git) : undefined;
  for (const url of config ? remoteUrls(config) : []) urls.add(normalizeGitUrl(url));
  return { root, urls };
}

/**
 * Whether a Git URL names this repository. With no URL known for it (no Git remote, no --repo-url), every Git
 * source counts as this repository: the caller then checks that its path exists in the tree.
 */
export function isThisRepository(repository: Repository, url: unknown): boolean {
  if (typeof url !== 'string' || url === '') return false;
  return repository.urls.size === 0 || repository.urls.has(normalizeGitUrl(url));
}

/**
 * A Git URL reduced to host and path, as Argo CD compares repository URLs: no scheme, user or port of SSH, no
 * trailing `/` or `.git`, lower case (`git@github.com:Org/Repo.git` = `https://github.com/org/repo`).
 */
export function normalizeGitUrl(url: string): string {
  let text = url.trim().toLowerCase();
  const scp = /^[^/@:]+@([^/:]+):(?!\/)(.*)$/.exec(text); // git@host:org/repo (scp-like syntax)
  if (scp) text = `${scp[1]}/${scp[2]}`;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^[^/@]*@/, '');
  text = text.replace(/^([^/:]+):\d+\//, '$1/');
  return text.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/** The `.git` (folder, or file of a worktree or submodule) of the nearest folder at or above `dir`. */
function gitFolder(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const git = join(current, '.git');
    if (existsSync(git)) return git;
    if (dirname(current) === current) return undefined;
  }
}

/** The config file of a `.git`: in the folder, or where a worktree's `gitdir:` file points (its common dir). */
function configOf(git: string): string | undefined {
  try {
    if (statSync(git).isDirectory()) return join(git, 'config');
    const target = /^gitdir:\s*(.+)$/m.exec(readFileSync(git, 'utf8'))?.[1]?.trim();
    if (!target) return undefined;
    const dir = resolve(dirname(git), target);
    const common = join(dir, 'commondir');
    return existsSync(common) ? join(resolve(dir, readFileSync(common, 'utf8').trim()), 'config') : join(dir, 'config');
  } catch {
    return undefined;
  }
}

/** The `url =` values of a Git config's `[remote "..."]` sections. */
function remoteUrls(config: string): string[] {
  let text: string;
  try {
    text = readFileSync(config, 'utf8');
  } catch {
    return [];
  }
  const urls: string[] = [];
  let inRemote = false;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) inRemote = /^remote\s+"/.test(section[1]);
    const url = inRemote ? /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1] : undefined;
    if (url) urls.push(url.replace(/^"|"$/g, ''));
  }
  return urls;
}
