/**
 * Reads kubeconfig files the way kubectl does, without @kubernetes/client-node: --kubeconfig, else the merged
 * $KUBECONFIG list, else ~/.kube/config; then --context (or current-context) picks the cluster, user and namespace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { CliError } from '../errors';

type Entry = Record<string, unknown>;
type Named = { name: string; value: Entry };

/** The kubeconfig entries one command uses, with relative paths resolved against the file that named them. */
export interface SelectedConfig {
  contextName: string;
  clusterName: string;
  cluster: Entry;
  userName?: string;
  user: Entry;
  /** The context's namespace (not -n). */
  namespace?: string;
  /** The files that were merged, for messages. */
  files: string[];
}

/** Flags and environment that decide which kubeconfig is read. */
export interface ConfigSource {
  kubeconfig?: string;
  context?: string;
  /** $KUBECONFIG and $HOME come from here (the command's context, never the process directly). */
  env: NodeJS.ProcessEnv;
  home?: string;
}

export const NO_KUBECONFIG = 'no kubeconfig found: set KUBECONFIG or pass --kubeconfig';

/** The files kubectl would read, in precedence order; an empty list means there is no configuration at all. */
export function kubeconfigFiles(source: ConfigSource): string[] {
  const { env } = source;
  if (source.kubeconfig) {
    if (!existsSync(source.kubeconfig)) throw new CliError(`--kubeconfig ${source.kubeconfig}: no such file`);
    return [resolve(source.kubeconfig)];
  }
  if (env.KUBECONFIG) {
    // Missing files in the list are skipped, as kubectl does; duplicates count once.
    const files = env.KUBECONFIG.split(delimiter).filter((f) => f !== '').map((f) => resolve(f));
    return [...new Set(files)].filter((f) => existsSync(f));
  }
  const file = join(source.home ?? (env.HOME || homedir()), '.kube', 'config');
  return existsSync(file) ? [file] : [];
}

/** Merges the files (first definition of a name wins, as in kubectl) and selects the context. */
export function selectConfig(source: ConfigSource): SelectedConfig | undefined {
  const files = kubeconfigFiles(source);
  if (files.length === 0) return undefined;
  const clusters = new Map<string, Entry>();
  const users = new Map<string, Entry>();
  const contexts = new Map<string, Entry>();
  let current: string | undefined;
  for (const file of files) {
    const doc = readConfig(file);
    const dir = dirname(file);
    for (const { name, value } of named(doc.clusters, 'cluster', file)) {
      if (!clusters.has(name)) clusters.set(name, resolvePaths(value, dir, ['certificate-authority']));
    }
    for (const { name, value } of named(doc.users, 'user', file)) {
      if (!users.has(name)) users.set(name, resolveUser(value, dir));
    }
    for (const { name, value } of named(doc.contexts, 'context', file)) {
      if (!contexts.has(name)) contexts.set(name, value);
    }
    const currentName = doc['current-context'];
    if (!current && typeof currentName === 'string' && currentName) current = currentName;
  }
  const where = files.join(delimiter);
  const contextName = source.context ?? current;
  if (!contextName) {
    throw new CliError(`${where} sets no current-context: pass --context or run kubectl config use-context NAME`);
  }
  const context = contexts.get(contextName);
  if (!context) throw new CliError(`context "${contextName}" is not defined in ${where}`);
  const clusterName = typeof context.cluster === 'string' ? context.cluster : '';
  const cluster = clusters.get(clusterName);
  if (!cluster) {
    throw new CliError(`context "${contextName}" names cluster "${clusterName}", which ${where} does not define`);
  }
  if (typeof cluster.server !== 'string' || !cluster.server) {
    throw new CliError(`cluster "${clusterName}" in ${where} has no server`);
  }
  const userName = typeof context.user === 'string' && context.user ? context.user : undefined;
  const user = userName ? users.get(userName) : {};
  if (!user) throw new CliError(`context "${contextName}" names user "${userName}", which ${where} does not define`);
  const namespace = typeof context.namespace === 'string' && context.namespace ? context.namespace : undefined;
  return { contextName, clusterName, cluster, userName, user, namespace, files };
}

/** The namespace of the selected context, or undefined (no kubeconfig, or a context without one). */
export function contextNamespace(source: ConfigSource): string | undefined {
  return selectConfig(source)?.namespace;
}

function readConfig(file: string): Entry {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read kubeconfig ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    // The parser's message quotes the offending text, which may be a credential: name only the file.
    throw new CliError(`cannot read kubeconfig ${file}: not valid YAML`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new CliError(`kubeconfig ${file} is not a mapping`);
  return doc as Entry;
}

function named(list: unknown, key: string, file: string): Named[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new CliError(`kubeconfig ${file}: ${key}s must be a list`);
  return list.map((item: unknown, i) => {
    const entry = (item ?? {}) as Entry;
    if (typeof entry.name !== 'string' || !entry.name) {
      throw new CliError(`kubeconfig ${file}: ${key}s[${i}] has no name`);
    }
    const value = entry[key];
    return { name: entry.name, value: value && typeof value === 'object' ? { ...(value as Entry) } : {} };
  });
}

function resolvePaths(entry: Entry, dir: string, keys: string[]): Entry {
  for (const key of keys) {
    const value = entry[key];
    if (typeof value === 'string' && value && !isAbsolute(value)) entry[key] = resolve(dir, value);
  }
  return entry;
}

function resolveUser(user: Entry, dir: string): Entry {
  resolvePaths(user, dir, ['client-certificate', 'client-key', 'tokenFile']);
  const exec = user.exec as Entry | undefined;
  // Like kubectl: a command with a path separator is relative to the kubeconfig; a bare name is looked up on PATH.
  if (exec && typeof exec.command === 'string' && exec.command.includes(sep) && !isAbsolute(exec.command)) {
    user.exec = { ...exec, command: resolve(dir, exec.command) };
  }
  return user;
}
