/** `kubectl iot fn`: the policy pack as a KRM function (kustomize exec validators and transformers, kpt). */
import type { CommandModule } from 'yargs';
import type { FnArgs } from './args';
import type { GlobalArgs } from './options';

export type { FnArgs } from './args';

export const fnCommand: CommandModule<GlobalArgs, FnArgs> = {
  command: 'fn',
  describe: 'Run as a KRM function: a ResourceList on stdin, the same list with results on stdout',
  builder: (yargs) =>
    yargs
      .option('fail-on', { choices: ['error', 'warning'] as const, default: 'error' as const, describe: 'Lowest severity that makes the exit code 1' })
      .example('kubectl iot fn < resource-list.yaml', 'Check a ResourceList, as a KRM function runner would')
      .example('kustomize build --enable-alpha-plugins --enable-exec overlays/prod', 'With `transformers: [iot-check.yaml]` in the kustomization (README, "Pipelines")')
      .epilogue('The items go back unchanged. Each finding is an error or warning result (tags: policy, remediation), each ' +
        'project an info result with its predicted phase; the findings are also printed on stderr. functionConfig ' +
        '(data of a ConfigMap, or spec) may set failOn, infraNamespace and namespace (for objects without one). ' +
        'Exit codes: 0 clean, 1 an error result (or a warning with --fail-on=warning), 2 bad input.') as never,
  handler: (args) => (require('./fn-run') as typeof import('./fn-run')).runFn(args),
};
