/** What `kubectl iot check` does (loaded by commands/check.ts when the command runs). */
import { statSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { isAbsolute, relative, resolve } from 'node:path';
import { excluder } from '../gitops/exclude';
import { kustomizeWith } from '../gitops/kustomize';
import { readInventory, type LocatedObject } from '../gitops/read';
import type { ParsedFile } from '../gitops/read-file';
import { canonicalKind } from '../model/kinds';
import { OUTPUT_FORMATS } from '../output/formats';
import { markBaseline, readBaseline } from '../policy/baseline';
import { evaluateInventoryParallel, evaluateInventoryStreamed } from '../policy/evaluate';
import type { CheckReport } from '../policy/types';
import { streamedJsonChunks } from '../output/json';
import { streamedYamlChunks } from '../output/yaml';
import { streamedText } from '../output/text';
import { projectSink, TextSpool } from '../output/spool';
import { overlayFiles } from '../policy/overlay';
import { exitCodeFor } from '../policy/report';
import { findingsFor } from '../output/fixes';
import { startPool, type ThreadPool } from '../threads/pool';
import { pathArg, progress } from '../terminal';
import { VERSION } from '../version';
import type { CheckArgs } from './args';
import { fixTarget, gitopsReading } from './check-gitops';
import { emitReport, parseWrites, writeChunks } from './check-output';
import { clusterOptions, outputFormat } from './options';
import { colorFor, warner } from '../context';

/** Reads, evaluates and prints; sets the exit code from the findings. */
export async function runCheck(args: CheckArgs): Promise<void> {
  const format = outputFormat(args.output, OUTPUT_FORMATS);
  // Bad flags and a bad baseline fail before the work starts.
  const files = parseWrites([args.write ?? []].flat());
  const excluded = excluder([args.exclude ?? []].flat().map(String));
  const baseline = args.baseline === undefined ? undefined : readBaseline(args.baseline);
  const paths = args.paths.length === 0 && !args.live ? ['.'] : args.paths.map((p) => pathArg(String(p)));
  const done = progress(args.ctx, `checking ${paths.join(' ')}`);
  // Worker threads start only when a large folder is read, and then also evaluate (see threads/pool.ts).
  let pool: ThreadPool | undefined;
  try {
    // One folder: files relative to it (the JSON contract); several paths: relative to the working directory.
    const oneFolder = paths.length === 1 && paths[0] !== '-' && statSync(paths[0], { throwIfNoEntry: false })?.isDirectory();
    // With --live, files without a namespace land in the context's namespace, as `kubectl apply -f` would put them.
    const cluster = args.live ? await args.ctx.connect(clusterOptions(args)) : undefined;
    // Argo CD Applications and Flux Kustomizations in the tree: their folders as those tools render them.
    const kustomize = kustomizeWith(args.ctx.env);
    const gitops = gitopsReading(args, paths, oneFolder ? paths[0] : args.ctx.cwd(), args.namespace ?? cluster?.namespace ?? 'default',
      kustomize);
    const engine = await args.ctx.loadEvaluator();
    let inventory = await readInventory(paths, {
      defaultNamespace: args.namespace ?? cluster?.namespace ?? 'default',
      // Bytes, not text: the reader tells invalid UTF-8 from text, and decodes a BOM as kubectl does.
      readStdin: () => buffer(args.ctx.stdin),
      relativeTo: oneFolder ? undefined : args.ctx.cwd(),
      cwd: args.ctx.cwd(),
      expand: gitops.expand,
      kustomize,
      warn: warner(args.ctx),
      excluded,
      parallel: () => {
        const started = (pool ??= startPool(engine.module));
        return started && ((files) => started.run<ParsedFile[]>({ op: 'parse', files }));
      },
    });
    if (cluster) {
      // Like status: the context's namespace (or -n), plus those the files change; everything only with -A.
      const live = await cluster.inventory(args['all-namespaces'] ? undefined : liveScope(inventory, cluster.namespace, paths));
      inventory = overlayFiles(live, inventory);
    }
    const parameters = { infraNamespace: args['infra-namespace'] };
    // `-o json`, `-o yaml` or text alone (a gate's usual run) writes the projects as their batches are done, through
    // a spool: a million projects are about 2 GB of JSON. Other formats, --write and --application need the whole report.
    const batchFormat = format === 'json' || format === 'yaml' || format === 'text' ? format : undefined;
    const streams = batchFormat !== undefined && files.length === 0 && args.application === undefined;
    const streamed = streams ? new TextSpool(spoolChars(args.ctx.env)) : undefined;
    const sink = streamed && batchFormat && projectSink(streamed, batchFormat);
    try {
      let report: CheckReport = sink
        ? { ...await evaluateInventoryStreamed(engine, inventory, parameters, { pool, release: true }, sink), projects: [] }
        : await evaluateInventoryParallel(engine, inventory, parameters, { pool });
      inventory = []; // the report keeps what it needs: let the parsed objects go before printing
      await pool?.close(); // and the workers' heaps
      pool = undefined;
      done();
      report = gitops.finish(report);
      const target = fixTarget(args, paths);
      if (baseline) report = markBaseline(report, baseline);
      if (streamed && sink) {
        const color = colorFor(args.ctx, args.ctx.stdout);
        await writeChunks(args.ctx, sink.format === 'json' ? streamedJsonChunks(report.summary, streamed.texts(',\n'), report.results)
          : sink.format === 'yaml' ? streamedYamlChunks(report.summary, streamed.texts(), report.results)
            : streamedText(report.summary, findingsFor('text', report.results, target), streamed.texts('\n'), sink.facts(), { color }));
      } else {
        await emitReport(args.ctx, report, format, files, {
          color: colorFor(args.ctx, args.ctx.stdout),
          policies: args.ctx.policyCatalog(),
          toolVersion: VERSION,
          policyReportApi: args['policyreport-api'],
          root: oneFolder ? fromCwd(paths[0], args.ctx.cwd()) : '',
        }, target);
      }
      args.ctx.exitCode = exitCodeFor(report, args['fail-on']);
    } finally {
      streamed?.close();
    }
  } finally {
    done();
    await pool?.close();
  }
}

/** The namespaces `check --live` reads: those of the files' namespaced objects, and the context's without files. */
function liveScope(files: LocatedObject[], contextNamespace: string, paths: string[]): string[] {
  const namespaces = new Set(paths.length === 0 ? [contextNamespace] : []);
  for (const { object } of files) {
    if (object.metadata.namespace && canonicalKind(object.apiVersion, object.kind) !== 'Namespace') {
      namespaces.add(object.metadata.namespace);
    }
  }
  return namespaces.size > 0 ? [...namespaces] : [contextNamespace];
}

/** The characters of project text `check -o json` holds in memory; KUBECTL_IOT_SPOOL_CHARS (tests) lowers it. */
function spoolChars(env: NodeJS.ProcessEnv): number | undefined {
  const chars = Number(env.KUBECTL_IOT_SPOOL_CHARS);
  return Number.isInteger(chars) && chars >= 0 ? chars : undefined;
}

/** A folder as annotations should name it: relative to the working directory when it is below it. */
function fromCwd(folder: string, cwd: string): string {
  const rel = relative(cwd, resolve(folder));
  return rel.startsWith('..') || isAbsolute(rel) ? folder : rel;
}
