/** `kubectl iot version`: the plugin, the policy bundle inside it (and the OPA that built it), Node and platform. */
import type { CommandModule } from 'yargs';
import { stringify } from 'yaml';
import { bundleInfo } from '../policy/catalog';
import { VERSION } from '../version';
import { outputFormat, outputFormats, type GlobalArgs } from './options';
import { out } from '../context';

const VERSION_OUTPUTS = ['text', 'json', 'yaml'] as const;

export const versionCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'version',
  describe: 'Print the plugin version, the policy bundle revision and the OPA that built it, Node and platform',
  builder: (yargs) => outputFormats(yargs, VERSION_OUTPUTS).example('kubectl iot version -o json', 'Machine-readable version'),
  handler: (args) => {
    const format = outputFormat(args.output, VERSION_OUTPUTS);
    const bundle = bundleInfo();
    const info = { version: VERSION, policyBundle: bundle, node: process.versions.node, platform: `${process.platform}/${process.arch}` };
    if (format === 'json') return out(args.ctx, JSON.stringify(info, null, 2));
    if (format === 'yaml') return out(args.ctx, stringify(info));
    out(args.ctx, [
      `kubectl-iot ${info.version}`,
      `Policy bundle: sha256:${bundle.sha256}${bundle.opa ? ` (built by OPA ${bundle.opa})` : ''}`,
      `Node: v${info.node} ${info.platform}`,
    ].join('\n'));
  },
};
