/**
 * Whole-process timings of the built CLI, as a user or CI job sees them: `check -o json FILE` against
 * `conftest test --combine` with the conftest export on the same file (2,500 to 10,000 projects, each in its own
 * namespace with its tenant), and the cold start of `create project -o yaml` against `node -e 0`.
 * Targets (issue 3): check at least 3x faster than conftest and under 2 s at 10,000 projects; linear growth.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { BIN, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { CONFTEST_PACK } from '../helpers/verdicts';
import { projectsInput } from './policy';

/** Median wall time in seconds of `runs` runs; the command must exit with `code`. */
function time(command: string, args: string[], runs: number, code = 0): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const child = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (child.status !== code) throw new Error(`${command} ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** conftest from PATH or from the pinned tools (scripts/install-tools.sh --print-env). */
function conftest(): string | undefined {
  const found = spawnSync('bash', ['-c', 'eval "$(scripts/install-tools.sh --print-env 2>/dev/null)"; command -v conftest'],
    { cwd: ROOT, encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Writes the `count` projects as one multi-document YAML file. */
function tree(dir: string, count: number): string {
  const file = join(dir, `projects-${count}.yaml`);
  writeFileSync(file, projectsInput(count).map((o) => stringify(o)).join('---\n'));
  return file;
}

/** Times check against conftest at each size and prints one line per size. */
export function benchCheckVsConftest(sizes = [2500, 5000, 10000], runs = 3): void {
  const tool = conftest();
  const { dir, cleanup } = tempDir('kubectl-iot-bench-');
  try {
    let previous: { size: number; seconds: number } | undefined;
    for (const size of sizes) {
      const file = tree(dir, size);
      const check = time(process.execPath, [BIN, 'check', '-o', 'json', file], runs);
      const growth = previous ? `, ${(check / previous.seconds).toFixed(2)}x the time of ${previous.size} for ${(size / previous.size).toFixed(0)}x the projects` : '';
      previous = { size, seconds: check };
      if (!tool) {
        console.log(`check ${size} projects: ${check.toFixed(2)} s; conftest: not installed (scripts/install-tools.sh)${growth}`);
        continue;
      }
      const other = time(tool, ['test', '--combine', '--no-color', '-p', CONFTEST_PACK, file], runs);
      console.log(`check ${size} projects: ${check.toFixed(2)} s; conftest: ${other.toFixed(2)} s; ratio ${(other / check).toFixed(1)}x${growth}`);
    }
  } finally {
    cleanup();
  }
}

/** Times `create project -o yaml` (must not load the policy module) against a bare `node -e 0`. */
export function benchColdStart(runs = 11): void {
  const node = time(process.execPath, ['-e', '0'], runs);
  const create = time(process.execPath, [BIN, 'create', 'project', 'iot1', '-n', 'ns1', '-o', 'yaml'], runs);
  console.log(`create project -o yaml: ${(create * 1000).toFixed(0)} ms; node -e 0: ${(node * 1000).toFixed(0)} ms; `
    + `ratio ${(create / node).toFixed(1)}x`);
}
