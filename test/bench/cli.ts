/**
 * Whole-process measurements of the built CLI, as a user or CI job sees them, each side by side with its yardstick
 * in one run (alternating runs, medians): `check -o json DIR` against `conftest test --combine` with the exported
 * pack on the same tree, and the start-up of `create project -o yaml` against `node -e 0` (npm) and against
 * `kubectl create namespace x --dry-run=client -o yaml` (the Krew single executable).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { CONFTEST_PACK } from '../helpers/verdicts';

export interface Run {
  seconds: number;
  /** Peak resident set size in MiB (from /usr/bin/time), undefined where it cannot be measured. */
  rssMiB?: number;
  stdout: string;
  /** For check: the projects its JSON report calls Failed (counted as the report streams by, see checkRun). */
  failed?: number;
}

const TIME = '/usr/bin/time';

/** Runs a command once, timing it (and its peak RSS when /usr/bin/time exists); it must exit with one of `codes`. */
export function runOnce(command: string, args: string[], codes = [0], stdoutFd?: number): Run {
  const timed = existsSync(TIME);
  const [file, argv] = timed ? [TIME, ['-f', '%M', command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const child = spawnSync(file, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30,
    stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status === null || !codes.includes(child.status)) {
    throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  }
  const kib = timed ? Number(/(\d+)\s*$/.exec(child.stderr)?.[1]) : NaN;
  return { seconds, rssMiB: Number.isFinite(kib) ? kib / 1024 : undefined, stdout: child.stdout ?? '' };
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Alternates runs of `a` and `b` (so load on the machine hits both alike) and returns both sets. */
export function alternate(runs: number, a: () => Run, b: () => Run): [Run[], Run[]] {
  const [first, second] = alternateAll(runs, [a, b]);
  return [first, second];
}

/**
 * alternate for any number of commands: each round runs every one of them once, in order. An undefined command
 * (a tool that is not there) is skipped and gets no runs.
 */
export function alternateAll(runs: number, commands: ((() => Run) | undefined)[]): Run[][] {
  const results = commands.map(() => [] as Run[]);
  for (let i = 0; i < runs; i++) commands.forEach((command, k) => command && results[k].push(command()));
  return results;
}

/** conftest from PATH or from the pinned tools (scripts/install-tools.sh --print-env). */
export function conftest(): string | undefined {
  const found = spawnSync('bash', ['-c', 'eval "$(scripts/install-tools.sh --print-env 2>/dev/null)"; command -v conftest'],
    { cwd: ROOT, encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/**
 * `kubectl iot check -o json DIR` (exit 1: the tree has failing projects on purpose). Its report goes to a file,
 * not into this process: a million projects are about 2 GB of JSON, more than one string can hold. The file is
 * read back in pieces, counting the Failed projects and checking the summary's count of projects. `command` runs
 * it: this Node with the npm entry by default, or [the Krew binary's path].
 */
export const checkRun = (dir: string, projects: number, command: string[] = [process.execPath, BIN]) => () => {
  const { dir: out, cleanup } = tempDir('kubectl-iot-bench-out-');
  try {
    const file = join(out, 'report.json');
    const fd = openSync(file, 'w');
    let run: Run;
    try {
      run = runOnce(command[0], [...command.slice(1), 'check', '-o', 'json', dir], [1], fd);
    } finally {
      closeSync(fd);
    }
    const counted = countInFile(file, ['"phase": "Failed"', '"phase": "Active"']);
    const summary = /"projects": (\d+)/.exec(readHead(file, 4096))?.[1];
    if (Number(summary) !== projects || counted[0] + counted[1] !== projects) {
      throw new Error(`check at ${projects} projects: the report counts ${summary} projects, ${counted[0]} Failed and ${counted[1]} Active`);
    }
    return { ...run, failed: counted[0] };
  } finally {
    cleanup();
  }
};

/** How often each of `needles` occurs in `file`, read 1 MiB at a time (needles are ASCII and do not overlap). */
function countInFile(file: string, needles: string[]): number[] {
  const counts = needles.map(() => 0);
  const longest = Math.max(...needles.map((n) => n.length));
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let carry = '';
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const text = carry + buffer.toString('latin1', 0, read);
      needles.forEach((needle, i) => {
        // Only matches that start before the carried tail: one that starts in it is counted with the next piece.
        for (let at = text.indexOf(needle); at !== -1 && at < text.length - longest + 1; at = text.indexOf(needle, at + 1)) counts[i]++;
      });
      carry = text.slice(Math.max(0, text.length - longest + 1));
    }
    needles.forEach((needle, i) => {
      if (carry.includes(needle)) counts[i]++;
    });
  } finally {
    closeSync(fd);
  }
  return counts;
}

function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** conftest on the same tree with the exported pack (exit 1: it finds the same failures). */
export const conftestRun = (tool: string, dir: string) => () =>
  runOnce(tool, ['test', '--combine', '--no-color', '-p', CONFTEST_PACK, dir], [1]);

/** The single executable `npm run build:sea` writes, when it is there. */
export function seaBinary(): string | undefined {
  const file = join(ROOT, 'dist', 'krew', 'bin', 'kubectl-iot-linux-amd64');
  return existsSync(file) ? file : undefined;
}

export const createArgs = ['create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml'];
