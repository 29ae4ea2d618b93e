/** What `kubectl iot fn` does (loaded by commands/fn.ts when the command runs). */
import { buffer } from 'node:stream/consumers';
import { CliError } from '../errors';
import { defaultNamespaces, parseResourceList, withResults } from '../gitops/resource-list';
import { renderReport } from '../output';
import { krmResults } from '../output/krm';
import { evaluateInventory } from '../policy/evaluate';
import { exitCodeFor } from '../policy/report';
import { VERSION } from '../version';
import type { FnArgs } from './args';
import { validNamespace } from './options';
import { colorFor, err, out } from '../context';

/** The settings a functionConfig may carry, over the flags. */
interface FnSettings {
  failOn: 'error' | 'warning';
  infraNamespace: string;
  namespace: string;
}

/** Reads the ResourceList, evaluates its items as one inventory, writes the list back with results. */
export async function runFn(args: FnArgs): Promise<void> {
  if (args.ctx.stdin.isTTY) {
    throw new CliError('kubectl iot fn reads a ResourceList on stdin: run it from kustomize or kpt, or pipe one in (kubectl iot fn < list.yaml)');
  }
  const list = parseResourceList(await buffer(args.ctx.stdin));
  const settings = fnSettings(list.functionConfig, {
    failOn: args['fail-on'], infraNamespace: args['infra-namespace'], namespace: args.namespace ?? 'default',
  });
  defaultNamespaces(list.items, settings.namespace);
  // The line an item came from is unknown (only its file and index are): 0, which the text printer leaves out.
  const inventory = list.items.map(({ object, file }) => ({ object, source: file ? { file: file.path, line: 0 } : undefined }));
  const report = evaluateInventory(await args.ctx.loadEvaluator(), inventory, { infraNamespace: settings.infraNamespace });
  out(args.ctx, withResults(list, krmResults(report, list.items)));
  // kustomize shows a failing function's stderr, not its results: the reason goes there too, as check prints it.
  if (report.results.length > 0) {
    err(args.ctx, renderReport(report, 'text', { color: colorFor(args.ctx, args.ctx.stderr), policies: args.ctx.policyCatalog(), toolVersion: VERSION }));
  }
  args.ctx.exitCode = exitCodeFor(report, settings.failOn);
}

/** The functionConfig's settings (a ConfigMap's data, or any kind's spec) over the flags'; bad values exit 2. */
function fnSettings(config: Record<string, unknown> | undefined, defaults: FnSettings): FnSettings {
  const source = config?.kind === 'ConfigMap' ? config.data : config?.spec;
  if (source === undefined || source === null) return defaults;
  if (typeof source !== 'object' || Array.isArray(source)) throw new CliError('functionConfig: data (or spec) must be a mapping');
  const values = source as Record<string, unknown>;
  const text = (key: keyof FnSettings): string | undefined => {
    const value = values[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new CliError(`functionConfig: ${key} must be a string`);
    return value;
  };
  const failOn = text('failOn') ?? defaults.failOn;
  if (failOn !== 'error' && failOn !== 'warning') {
    throw new CliError(`functionConfig: failOn must be error or warning, not "${failOn}"`);
  }
  return {
    failOn,
    infraNamespace: validNamespace(text('infraNamespace') ?? defaults.infraNamespace, 'functionConfig infraNamespace'),
    namespace: validNamespace(text('namespace') ?? defaults.namespace, 'functionConfig namespace'),
  };
}
