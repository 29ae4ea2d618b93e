/** Runs the built `kubectl-iot` (bin/ -> dist/) as a user would, capturing exit code, stdout and stderr. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin', 'kubectl-iot');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Run through kubectl's plugin discovery (`kubectl iot ...`) instead of the binary itself. */
  viaKubectl?: boolean;
  /** Run as this user and group (root only): for tests of permission denial, which root never meets. */
  user?: { uid: number; gid: number };
}

/** The newest modification time of the files under `dir` (or of `dir` itself when it is a file). */
function newest(dir: string): number {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(dir).map((name) => newest(join(dir, name))));
}

/** Builds dist/ when it is missing or older than what it is built from: a stale bundle is never what is tested. */
function ensureBuilt(): void {
  const built = statSync(join(ROOT, 'dist', 'kubectl-iot.cjs'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...['plugin', 'policies/build', 'package.json', 'scripts/build.mjs',
    'scripts/bundle-options.mjs', 'scripts/yargs-shim.mjs', 'scripts/cliui-words.mjs', 'scripts/launcher.cjs'].map((p) => newest(join(ROOT, p))));
  if (built < sources) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
}

/**
 * The Node binary to run as `user`: this one, when that user may run it; else the first `node` on PATH it may run
 * (Node 24 of the tool cache lives under /root, which nobody cannot enter: such a case runs on the machine's Node).
 */
export function nodeFor(user?: { uid: number; gid: number }): string {
  if (!user) return process.execPath;
  const candidates = [process.execPath, ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node'))];
  const usable = candidates.find((node) => existsSync(node) &&
    spawnSync(node, ['-e', '0'], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0);
  if (!usable) throw new Error(`no Node binary on PATH that uid ${user.uid} may run`);
  return usable;
}

/** Runs `kubectl iot <args>` and returns what a terminal would have seen (stdout and stderr are not TTYs). */
export function runCli(args: string[], options: RunOptions = {}): CliResult {
  ensureBuilt();
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  env.PATH = `${join(ROOT, 'bin')}${delimiter}${env.PATH ?? ''}`;
  const [command, argv] = options.viaKubectl ? ['kubectl', ['iot', ...args]] : [nodeFor(options.user), [BIN, ...args]];
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
