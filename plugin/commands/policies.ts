/** `kubectl iot policies list|export`: the policy pack, for people and for other engines. */
import type { CommandModule } from 'yargs';
import { stringify } from 'yaml';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, describeFsError } from '../errors';
import { writePlan, type PlannedFile } from '../gitops/write';
import { EXPORT_FORMATS, EXPORT_HINTS, exportFiles, type ExportFormat } from '../policy/export';
import type { PolicyInfo } from '../policy/types';
import { outputFormat, outputFormats, type GlobalArgs } from './options';
import { err, out } from '../context';

/** Writes the pack in `format` into `dir` (created if missing; existing files only with `force`); returns the paths written. */
async function exportPolicies(format: ExportFormat, dir: string, options: { force: boolean }): Promise<string[]> {
  if (!EXPORT_FORMATS.includes(format)) throw new CliError(`unknown export format ${format}: use ${EXPORT_FORMATS.join(', ')}`);
  const files = exportFiles(format);
  const info = statSync(dir, { throwIfNoEntry: false });
  if (info && !info.isDirectory()) throw new CliError(`cannot export into ${dir}: not a directory`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CliError(`cannot create ${dir}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const plan: PlannedFile[] = files.map(({ path, content }) => ({ path, content }));
  const result = writePlan(dir, plan, options.force);
  return [...result.created, ...result.updated].map((path) => join(dir, path));
}

const LIST_OUTPUTS = ['text', 'json', 'yaml'] as const;

/** What `policies list -o json|yaml` shows of a policy, in this order (the catalog carries more, for the exports). */
const listed = ({ id, title, description, severity, remediation, condition }: PolicyInfo) =>
  ({ id, title, description, severity, remediation, ...(condition === undefined ? {} : { condition }) });

const listCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'list',
  describe: 'List the policies: id, severity, condition and title',
  builder: (yargs) => outputFormats(yargs, LIST_OUTPUTS).example('kubectl iot policies list -o json', 'The catalog as JSON'),
  handler: (args) => {
    const format = outputFormat(args.output, LIST_OUTPUTS);
    const policies = args.ctx.policyCatalog().map(listed);
    if (format === 'json') return out(args.ctx, JSON.stringify(policies, null, 2));
    if (format === 'yaml') return out(args.ctx, stringify(policies));
    const rows = [['ID', 'SEVERITY', 'CONDITION', 'TITLE'],
      ...policies.map((p) => [p.id, p.severity, p.condition ?? '-', p.title])];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    out(args.ctx, rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('   ')).join('\n'));
  },
};

interface ExportArgs extends GlobalArgs {
  format: ExportFormat;
  dir: string;
  force: boolean;
}

const exportCommand: CommandModule<GlobalArgs, ExportArgs> = {
  command: 'export <dir>',
  describe: 'Write the policy pack for conftest, Gatekeeper, Kyverno, native admission or as the WebAssembly bundle',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', demandOption: true, describe: 'Folder to write into (created if missing)' })
      .option('format', { choices: EXPORT_FORMATS, demandOption: true, describe: 'Target engine' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files' })
      .example('kubectl iot policies export --format conftest policy/', 'Then: conftest test --combine -p policy/ manifests/')
      .example('kubectl iot policies export --format gatekeeper gk/', 'ConstraintTemplates, Constraints and the sync Config')
      .example('kubectl iot policies export --format kyverno kyverno/', 'The rules Kyverno can express')
      .example('kubectl iot policies export --format vap vap/', 'ValidatingAdmissionPolicies: then kubectl apply -f vap/policies/') as never,
  handler: async (args) => {
    const dir = String(args.dir);
    const written = await exportPolicies(args.format, dir, { force: args.force });
    err(args.ctx, `wrote ${written.length} files of the ${args.format} export to ${dir}`);
    err(args.ctx, `next: ${EXPORT_HINTS[args.format].replaceAll('DIR', dir)}`);
  },
};

export const policiesCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'policies',
  describe: 'List the policy pack or export it for conftest, Gatekeeper, Kyverno and native admission',
  builder: (yargs) =>
    yargs.command(listCommand).command(exportCommand as never).demandCommand(1, 'name an action: list or export'),
  handler: () => undefined,
};
