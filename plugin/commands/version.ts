/** `kubectl iot version`. */
import type { CommandModule } from 'yargs';
import { VERSION } from '../version';
import { writeOut } from '../terminal';
import { outputFormat, type GlobalArgs } from './options';

export const versionCommand: CommandModule<GlobalArgs, GlobalArgs> = {
  command: 'version',
  describe: 'Print the plugin version',
  builder: (yargs) => yargs.example('kubectl iot version -o json', 'Machine-readable version'),
  handler: (args) => {
    const info = { version: VERSION, node: process.versions.node, platform: `${process.platform}/${process.arch}` };
    const format = outputFormat(args.output, ['text', 'json', 'yaml'] as const);
    if (format === 'json') writeOut(JSON.stringify(info, null, 2));
    else if (format === 'yaml') writeOut(`version: ${info.version}\nnode: ${info.node}\nplatform: ${info.platform}`);
    else writeOut(`kubectl-iot ${info.version}`);
  },
};
