/**
 * `npm run bench [-- --size N] [--runs N] [--json FILE] [--startup-only]`: one table of ratios, each measured side by side with its
 * yardstick in one run. Timings are for reading, not asserting (tests never time things), but the answers are
 * asserted: at every size exactly 10% of the projects are Failed, in check's report and in conftest's.
 * Targets (issue "Scale"): check >= 10x faster than conftest at 10,000 projects; <= 11x the time for 10x the
 * projects; peak RSS <= 400 MiB at 10,000 and <= 1 GiB at 100,000 (2 GiB at a million); create <= 1.3x node -e 0;
 * the Krew binary's create <= 1.0x kubectl's own client-side create.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';
import { alternate, alternateAll, checkRun, conftest, conftestRun, createArgs, median, runOnce, seaBinary } from './cli';
import { addFluxSources, writeBenchTree } from './tree';

interface Options {
  sizes: number[];
  runs: number;
  json?: string;
  /** Largest size conftest is run at (it takes minutes beyond). */
  conftestUpTo: number;
  /** Only the start-up table (no trees, no check): for working on start-up. */
  startupOnly: boolean;
}

function options(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  const size = value('--size');
  return {
    sizes: size ? size.split(',').map(Number) : [1000, 10000, 100000],
    runs: Number(value('--runs') ?? 3),
    json: value('--json'),
    conftestUpTo: Number(value('--conftest-up-to') ?? 100000),
    startupOnly: argv.includes('--startup-only'),
  };
}

interface Row {
  size: number;
  files: number;
  checkSeconds: number;
  checkRssMiB?: number;
  conftestSeconds?: number;
  ratio?: number;
  growth?: number;
  /** check of the same tree under Flux Kustomizations (addFluxSources), alternating with the plain tree. */
  fluxSeconds?: number;
  fluxOverhead?: number;
  /** check by the Krew binary (Node 24 single executable), in the same alternation as check and conftest. */
  krewSeconds?: number;
  krewRatio?: number;
}

/** Failed projects in conftest's text output: one "project-requires-messaging-tenant" failure per project. */
function failedInConftest(stdout: string): number {
  return stdout.split('\n').filter((line) => line.startsWith('FAIL') && line.includes('There is no MessagingTenant named default')).length;
}

function benchCheck(opts: Options, tool: string | undefined): Row[] {
  const rows: Row[] = [];
  const sea = seaBinary();
  for (const size of opts.sizes) {
    const { dir, cleanup } = tempDir('kubectl-iot-bench-');
    try {
      const { files, failed } = writeBenchTree(dir, size);
      const runs = size >= 100000 ? 1 : opts.runs;
      const withConftest = tool !== undefined && size <= opts.conftestUpTo;
      // check, conftest and the Krew binary's check, each round running all of them.
      const [checks, others, krews] = alternateAll(runs, [checkRun(dir, size), withConftest ? conftestRun(tool, dir) : undefined,
        sea ? checkRun(dir, size, [sea]) : undefined]);
      for (const run of [...checks, ...krews]) assertFailed('check', run.failed ?? NaN, failed, size);
      for (const run of others) assertFailed('conftest', failedInConftest(run.stdout), failed, size);
      const checkSeconds = median(checks.map((r) => r.seconds));
      const conftestSeconds = others.length > 0 ? median(others.map((r) => r.seconds)) : undefined;
      const krewSeconds = krews.length > 0 ? median(krews.map((r) => r.seconds)) : undefined;
      // The tree as a Flux repository holds it, against the plain tree again (the Flux file is there only for its runs).
      const [plain, flux] = alternate(runs, checkRun(dir, size), () => {
        const remove = addFluxSources(dir);
        try {
          return checkRun(dir, size)();
        } finally {
          remove();
        }
      });
      for (const run of [...plain, ...flux]) assertFailed('check', run.failed ?? NaN, failed, size);
      const fluxSeconds = median(flux.map((r) => r.seconds));
      const previous = rows[rows.length - 1];
      rows.push({
        size, files, checkSeconds,
        checkRssMiB: Math.max(...checks.map((r) => r.rssMiB ?? NaN)),
        conftestSeconds,
        ratio: conftestSeconds === undefined ? undefined : conftestSeconds / checkSeconds,
        growth: previous ? (checkSeconds / previous.checkSeconds) / (size / previous.size) * 10 : undefined,
        fluxSeconds,
        fluxOverhead: fluxSeconds / median(plain.map((r) => r.seconds)),
        krewSeconds,
        krewRatio: conftestSeconds === undefined || krewSeconds === undefined ? undefined : conftestSeconds / krewSeconds,
      });
    } finally {
      cleanup();
    }
  }
  return rows;
}

function assertFailed(who: string, found: number, expected: number, size: number): void {
  if (found !== expected) throw new Error(`${who} at ${size} projects: ${found} Failed, expected exactly ${expected} (10%)`);
}

function benchStartup(runs: number): Record<string, number | undefined> {
  const [nodes, creates] = alternate(runs, () => runOnce(process.execPath, ['-e', '0']),
    () => runOnce(process.execPath, [BIN, ...createArgs]));
  const figures: Record<string, number | undefined> = {
    nodeMs: median(nodes.map((r) => r.seconds)) * 1000,
    createMs: median(creates.map((r) => r.seconds)) * 1000,
  };
  const sea = seaBinary();
  const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
  if (sea && kubectl) {
    const [kubectls, seas] = alternate(runs, () => runOnce('kubectl', ['create', 'namespace', 'x', '--dry-run=client', '-o', 'yaml']),
      () => runOnce(sea, createArgs));
    figures.kubectlMs = median(kubectls.map((r) => r.seconds)) * 1000;
    figures.seaMs = median(seas.map((r) => r.seconds)) * 1000;
  }
  return figures;
}

const fixed = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

function main(): void {
  const opts = options(process.argv.slice(2));
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const tool = conftest();
  console.log(`bench: ${process.platform}/${process.arch}, Node ${process.version}, ${availableParallelism()} cores; ` +
    `conftest ${tool ? 'found' : 'not installed (scripts/install-tools.sh)'}; medians of alternating runs`);
  const rows = opts.startupOnly ? [] : benchCheck(opts, tool);
  const startup = benchStartup(Math.max(5, opts.runs * 3 + 2));
  if (!opts.startupOnly) console.log('');
  if (!opts.startupOnly) {
    console.log('| projects | files | check -o json | peak RSS | conftest | conftest / check | time growth per 10x | under Flux | Flux / plain | ' +
      'Krew binary check | conftest / Krew binary |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  }
  for (const r of rows) {
    console.log(`| ${r.size} | ${r.files} | ${fixed(r.checkSeconds)} s | ${fixed(r.checkRssMiB, 0)} MiB | ` +
      `${r.conftestSeconds === undefined ? 'not run' : `${fixed(r.conftestSeconds)} s`} | ${r.ratio === undefined ? 'n/a' : `${fixed(r.ratio, 1)}x`} | ` +
      `${r.growth === undefined ? '' : `${fixed(r.growth, 1)}x`} | ${fixed(r.fluxSeconds)} s | ${fixed(r.fluxOverhead)}x | ` +
      `${r.krewSeconds === undefined ? 'not built (npm run build:sea)' : `${fixed(r.krewSeconds)} s`} | ` +
      `${r.krewRatio === undefined ? 'n/a' : `${fixed(r.krewRatio, 1)}x`} |`);
  }
  console.log('');
  console.log(`| start-up | ms | yardstick | ms | ratio |`);
  console.log('|---|---:|---|---:|---:|');
  console.log(`| create project -o yaml (npm) | ${fixed(startup.createMs, 0)} | node -e 0 | ${fixed(startup.nodeMs, 0)} | ` +
    `${fixed(startup.createMs! / startup.nodeMs!)}x |`);
  if (startup.seaMs !== undefined) {
    console.log(`| create project -o yaml (Krew binary) | ${fixed(startup.seaMs, 0)} | kubectl create namespace x --dry-run=client -o yaml | ` +
      `${fixed(startup.kubectlMs, 0)} | ${fixed(startup.seaMs / startup.kubectlMs!)}x |`);
  } else {
    console.log('| create project -o yaml (Krew binary) | not built (npm run build:sea) | | | |');
  }
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ node: process.version, cores: availableParallelism(), rows, startup }, null, 2)}\n`);
}

main();
