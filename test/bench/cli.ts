/**
 * Whole-process measurements of the built CLI, as a user or CI job sees them, each side by side with its yardstick
 * in one run (alternating runs, medians): `check -o json DIR` against `conftest test --combine` with the exported
 * pack on the same tree, and the start-up of `create project -o yaml` against `node -e 0` (npm) and against
 * `kubectl create namespace x --dry-run=client -o yaml` (the Krew single executable).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli';
import { CONFTEST_PACK } from '../helpers/verdicts';

export interface Run {
  seconds: number;
  /** Peak resident set size in MiB (from /usr/bin/time), undefined where it cannot be measured. */
  rssMiB?: number;
  stdout: string;
}

const TIME = '/usr/bin/time';

/** Runs a command once, timing it (and its peak RSS when /usr/bin/time exists); it must exit with one of `codes`. */
export function runOnce(command: string, args: string[], codes = [0]): Run {
  const timed = existsSync(TIME);
  const [file, argv] = timed ? [TIME, ['-f', '%M', command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const child = spawnSync(file, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status === null || !codes.includes(child.status)) {
    throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  }
  const kib = timed ? Number(/(\d+)\s*$/.exec(child.stderr)?.[1]) : NaN;
  return { seconds, rssMiB: Number.isFinite(kib) ? kib / 1024 : undefined, stdout: child.stdout };
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Alternates runs of `a` and `b` (so load on the machine hits both alike) and returns both sets. */
export function alternate(runs: number, a: () => Run, b: () => Run): [Run[], Run[]] {
  const first: Run[] = [];
  const second: Run[] = [];
  for (let i = 0; i < runs; i++) {
    first.push(a());
    second.push(b());
  }
  return [first, second];
}

/** conftest from PATH or from the pinned tools (scripts/install-tools.sh --print-env). */
export function conftest(): string | undefined {
  const found = spawnSync('bash', ['-c', 'eval "$(scripts/install-tools.sh --print-env 2>/dev/null)"; command -v conftest'],
    { cwd: ROOT, encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** `kubectl iot check -o json DIR` (exit 1: the tree has failing projects on purpose). */
export const checkRun = (dir: string) => () => runOnce(process.execPath, [BIN, 'check', '-o', 'json', dir], [1]);

/** conftest on the same tree with the exported pack (exit 1: it finds the same failures). */
export const conftestRun = (tool: string, dir: string) => () =>
  runOnce(tool, ['test', '--combine', '--no-color', '-p', CONFTEST_PACK, dir], [1]);

/** The single executable `npm run build:sea` writes, when it is there. */
export function seaBinary(): string | undefined {
  const file = join(ROOT, 'dist', 'krew', 'bin', 'kubectl-iot-linux-amd64');
  return existsSync(file) ? file : undefined;
}

export const createArgs = ['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml'];
