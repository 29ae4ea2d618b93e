/** `kubectl iot check [PATH...]`: evaluates the policy pack on manifests (and, with --live, the cluster). */
import type { CommandModule } from 'yargs';
import { OUTPUT_FORMATS } from '../output/formats';
import type { CheckArgs } from './args';
import { outputFormats, type GlobalArgs } from './options';

export type { CheckArgs } from './args';

export const checkCommand: CommandModule<GlobalArgs, CheckArgs> = {
  command: 'check [paths..]',
  describe: 'Predict the status of every IoT project in manifests and report policy violations',
  builder: (yargs) =>
    outputFormats(yargs, OUTPUT_FORMATS)
      .positional('paths', { type: 'string', array: true, default: [], describe: 'Files, folders (kustomize-rendered when they hold a kustomization.yaml) or - for stdin' })
      .option('live', { type: 'boolean', default: false, describe: "Add the cluster's state (files are evaluated as if applied over it)" })
      .option('fail-on', { choices: ['error', 'warning'] as const, default: 'error' as const, describe: 'Lowest severity that makes the exit code 1' })
      .option('policyreport-api', { choices: ['wgpolicyk8s', 'openreports'] as const, default: 'wgpolicyk8s' as const, describe: 'API of -o policyreport' })
      .option('baseline', { type: 'string', describe: 'A previous check -o json report: its findings are "known" and do not fail the check' })
      // Not an array option: that would swallow the paths after it. Repeated, yargs collects the values.
      .option('write', { type: 'string', requiresArg: true, describe: 'Also write the report as FORMAT to FILE (FORMAT=FILE, repeatable)' })
      .option('exclude', { type: 'string', requiresArg: true, describe: "Leave out what folders hold matching this glob, relative to the checked folder ('ansible/**', '*.j2.yaml'; repeatable)" })
      .option('repo-root', { type: 'string', describe: 'Folder Argo CD source paths and Flux spec.path start from (default: the Git work tree of the checked folder)' })
      .option('repo-url', { type: 'string', array: true, default: [], describe: "This repository's URL (besides its Git remotes): Applications and GitRepositories naming another are not checked" })
      .option('application', { type: 'string', describe: "An Argo CD Application's source folder: only findings on objects it renders fail the check, others are warnings" })
      .option('destination-namespace', { type: 'string', describe: "With --application: its spec.destination.namespace" })
      .group(['repo-root', 'repo-url', 'application', 'destination-namespace'], 'GitOps flags:')
      .example('kubectl iot check clusters/prod', 'Check a GitOps tree (rendered with kustomize)')
      .example('kubectl kustomize overlays/prod | kubectl iot check -', 'Check manifests from stdin')
      .example('kubectl iot check -o sarif . > iot.sarif', 'SARIF for code scanning')
      .example('kubectl iot check --live tenants/ns1', 'Would this change break a project on the current cluster?')
      .example('kubectl iot check --baseline main.json .', 'Fail only on findings that main.json (check -o json) lacks')
      .example("kubectl iot check --exclude 'ansible/**' .", 'Leave out YAML that is not manifests')
      .example('kubectl iot check -o github --write sarif=iot.sarif --write markdown=summary.md .', 'One run, three reports (CI)')
      .epilogue(`Output formats: ${OUTPUT_FORMATS.join(', ')}. Exit codes: 0 clean, 1 policy errors, 2 could not check.\n` +
        'Every remediation that starts with "kubectl iot" runs as printed with --gitops-dir DIR appended (or --apply ' +
        'for --live); the text, annotation and summary formats print it with that flag already there. Once all of a ' +
        'report\'s have run, the tree checks clean.') as never,
  // The work, with the reader, the engine and the printers, loads only when the command runs.
  handler: (args) => (require('./check-run') as typeof import('./check-run')).runCheck(args),
};
