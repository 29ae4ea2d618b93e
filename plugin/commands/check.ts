/** `kubectl iot check [PATH...]`: evaluates the policy pack on manifests (and, with --live, the cluster). */
import { statSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { connect } from '../cluster/load';
import { readInventory, type LocatedObject } from '../gitops/read';
import { canonicalKind } from '../model/kinds';
import { OUTPUT_FORMATS, renderReport } from '../output';
import { jsonChunks } from '../output/json';
import { evaluateInventoryParallel, loadEvaluator } from '../policy/evaluate';
import { policyCatalog } from '../policy/catalog';
import { overlayFiles } from '../policy/overlay';
import { exitCodeFor } from '../policy/report';
import { colorEnabled, pathArg, progress, writeOut } from '../terminal';
import { VERSION } from '../version';
import { outputFormat, type GlobalArgs } from './options';

interface CheckArgs extends GlobalArgs {
  paths: string[];
  live: boolean;
  'fail-on': 'error' | 'warning';
  'policyreport-api': 'wgpolicyk8s' | 'openreports';
}

export const checkCommand: CommandModule<GlobalArgs, CheckArgs> = {
  command: 'check [paths..]',
  describe: 'Predict the status of every IoT project in manifests and report policy violations',
  builder: (yargs) =>
    yargs
      .positional('paths', { type: 'string', array: true, default: [], describe: 'Files, folders (kustomize-rendered when they hold a kustomization.yaml) or - for stdin' })
      .option('live', { type: 'boolean', default: false, describe: "Add the cluster's state (files are evaluated as if applied over it)" })
      .option('fail-on', { choices: ['error', 'warning'] as const, default: 'error' as const, describe: 'Lowest severity that makes the exit code 1' })
      .option('policyreport-api', { choices: ['wgpolicyk8s', 'openreports'] as const, default: 'wgpolicyk8s' as const, describe: 'API of -o policyreport' })
      .example('kubectl iot check clusters/prod', 'Check a GitOps tree (rendered with kustomize)')
      .example('kubectl kustomize overlays/prod | kubectl iot check -', 'Check manifests from stdin')
      .example('kubectl iot check -o sarif . > iot.sarif', 'SARIF for code scanning')
      .example('kubectl iot check --live tenants/ns1', 'Would this change break a project on the current cluster?')
      .epilogue(`Output formats: ${OUTPUT_FORMATS.join(', ')}. Exit codes: 0 clean, 1 policy errors, 2 could not check.\n` +
        'Every remediation that starts with "kubectl iot" runs as printed with --gitops-dir DIR appended (or --apply ' +
        'for --live); once all of a report\'s have run, the tree checks clean.') as never,
  handler: async (args) => {
    const format = outputFormat(args.output, OUTPUT_FORMATS);
    const paths = args.paths.length === 0 && !args.live ? ['.'] : args.paths.map((p) => pathArg(String(p)));
    const done = progress(`checking ${paths.join(' ')}`);
    try {
      // One folder: files relative to it (the JSON contract); several paths: relative to the working directory.
      const oneFolder = paths.length === 1 && paths[0] !== '-' && statSync(paths[0], { throwIfNoEntry: false })?.isDirectory();
      // With --live, files without a namespace land in the context's namespace, as `kubectl apply -f` would put them.
      const cluster = args.live ? await connect(args) : undefined;
      let inventory = await readInventory(paths, {
        defaultNamespace: args.namespace ?? cluster?.namespace ?? 'default',
        // Bytes, not text: the reader tells invalid UTF-8 from text, and decodes a BOM as kubectl does.
        readStdin: () => buffer(process.stdin),
        relativeTo: oneFolder ? undefined : process.cwd(),
      });
      if (cluster) {
        // Like status: the context's namespace (or -n), plus those the files change; everything only with -A.
        const live = await cluster.inventory(args['all-namespaces'] ? undefined : liveScope(inventory, cluster.namespace, paths));
        inventory = overlayFiles(live, inventory);
      }
      const report = await evaluateInventoryParallel(await loadEvaluator(), inventory, { infraNamespace: args['infra-namespace'] });
      inventory = []; // the report keeps what it needs: let the parsed objects go before printing
      done();
      // JSON goes out a piece at a time: 100,000 projects are about 200 MB of text.
      if (format === 'json') for (const piece of jsonChunks(report)) process.stdout.write(piece);
      else writeOut(renderReport(report, format, {
        color: colorEnabled(process.stdout),
        policies: policyCatalog(),
        toolVersion: VERSION,
        policyReportApi: args['policyreport-api'],
        root: oneFolder ? fromCwd(paths[0]) : '',
      }));
      process.exitCode = exitCodeFor(report, args['fail-on']);
    } finally {
      done();
    }
  },
};

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

/** A folder as annotations should name it: relative to the working directory when it is below it. */
function fromCwd(folder: string): string {
  const rel = relative(process.cwd(), resolve(folder));
  return rel.startsWith('..') || isAbsolute(rel) ? folder : rel;
}
