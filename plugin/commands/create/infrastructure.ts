/** `kubectl iot create infrastructure`: the IoTConfig "default" with its device registry. */
import { readFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import type { CommandModule } from 'yargs';
import { CliError, describeFsError } from '../../errors';
import { buildInfrastructure, passwordSteps, type RegistryOptions } from '../../model/infrastructure';
import type { KubeObject } from '../../model/kinds';
import { messagingInfrastructureFile } from './messaging-infrastructure';
import { parseInfrastructureRef } from './tenant';
import { canonicalKind, DEFAULT_NAME } from '../../model/kinds';
import type { LocatedObject } from '../../gitops/read';
import { registrySchemaSql } from '../../model/schema';
import { pathArg } from '../../terminal';
import { checkDestination, createFlags, deliver, type CreateArgs } from './emit';
import type { TreeFile } from './tree';
import { err } from '../../context';

interface InfrastructureArgs extends CreateArgs {
  'messaging-infrastructure': string;
  'create-messaging-infrastructure': boolean;
  postgresql: boolean;
  'jdbc-url'?: string;
  'jdbc-username'?: string;
  'jdbc-password-file'?: string;
}

export const createInfrastructureCommand: CommandModule<CreateArgs, InfrastructureArgs> = {
  command: 'infrastructure',
  describe: 'Create the IoT infrastructure (IoTConfig "default") bound to one messaging infrastructure',
  builder: (yargs) =>
    createFlags(yargs)
      .option('messaging-infrastructure', {
        type: 'string',
        default: 'default',
        describe: 'The MessagingInfrastructure to bind to: NAMESPACE/NAME, or NAME in --infra-namespace; the IoTConfig goes into its namespace',
      })
      .option('create-messaging-infrastructure', { type: 'boolean', default: false, describe: 'Also create that MessagingInfrastructure (serving all namespaces)' })
      .option('postgresql', { type: 'boolean', default: true, describe: 'Deploy PostgreSQL beside it as the device registry, with the schema (default)' })
      .option('jdbc-url', { type: 'string', describe: 'Use an external JDBC server instead (jdbc:postgresql://host:5432/db)' })
      .option('jdbc-username', { type: 'string', describe: 'User of the external JDBC server' })
      .option('jdbc-password-file', { type: 'string', describe: 'File holding its password, or - for stdin (never a flag value)' })
      .example('kubectl iot create infrastructure --create-messaging-infrastructure', 'IoTConfig, MessagingInfrastructure and PostgreSQL')
      .example('kubectl iot create infrastructure --jdbc-url jdbc:postgresql://db:5432/hono --jdbc-username hono --jdbc-password-file pw.txt', 'An external database')
      .example('kubectl iot create infrastructure --gitops-dir ./cluster', 'Into a GitOps tree (no password in Git)')
      .example('kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/default --force --gitops-dir ./cluster',
        "Rewrite the IoTConfig's binding and device registry in place") as never,
  handler: async (args) => {
    checkDestination(args);
    const ref = parseInfrastructureRef(args['messaging-infrastructure'], args['infra-namespace']);
    const { namespace, name: messagingInfrastructure } = ref;
    const toGit = args['gitops-dir'] !== undefined;
    const registry = await registryOf(args, toGit);
    const objects = buildInfrastructure({
      namespace, messagingInfrastructure, registry,
      createMessagingInfrastructure: args['create-messaging-infrastructure'],
    }, registrySchemaSql());
    await deliver(args, objects, () => writeInfrastructure(args, namespace, objects));
  },
};

/** The registry the flags ask for. Passwords come from a file or stdin, never from the command line. */
async function registryOf(args: InfrastructureArgs, toGit: boolean): Promise<RegistryOptions> {
  if (args['jdbc-url'] === undefined) {
    if (args['jdbc-username'] !== undefined || args['jdbc-password-file'] !== undefined) {
      throw new CliError('--jdbc-username and --jdbc-password-file need --jdbc-url');
    }
    if (!args.postgresql) throw new CliError('no device registry: keep --postgresql or give --jdbc-url');
    // Printed or applied objects carry a fresh password; a GitOps tree carries none (see the base's kustomization).
    if (toGit) return { kind: 'postgresql' };
    // node:crypto loaded only here: it costs every other create a few milliseconds at start-up.
    const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
    return { kind: 'postgresql', password: randomBytes(18).toString('base64url') };
  }
  for (const [flag, value] of [['--jdbc-url', args['jdbc-url']], ['--jdbc-username', args['jdbc-username']]] as const) {
    // A manifest cannot carry control characters as text (YAML forbids them raw): say so instead of writing one.
    if (value !== undefined && /[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new CliError(`invalid ${flag}: it holds a control character`);
  }
  if (!/^jdbc:[a-z0-9]+:/.test(args['jdbc-url'])) {
    throw new CliError(`invalid --jdbc-url "${args['jdbc-url']}": expected jdbc:<driver>:..., e.g. jdbc:postgresql://db:5432/hono`);
  }
  const password = args['jdbc-password-file'] === undefined ? undefined : await readPassword(pathArg(args['jdbc-password-file']), args.ctx.stdin);
  if (password !== undefined && toGit) {
    err(args.ctx, 'warning: the IoTConfig API takes the password as plain text, so it lands in Git ' +
      '(policy iot-infrastructure-plaintext-password); prefer leaving --jdbc-password-file out and patching it in the cluster.');
  }
  return { kind: 'external', url: args['jdbc-url'], username: args['jdbc-username'], password };
}

async function readPassword(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  let text: string;
  try {
    // Decoded the way readFileSync decodes the file (a BOM stays part of the text), not by consumers' text().
    text = file === '-' ? (await buffer(stdin)).toString('utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`--jdbc-password-file ${file}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new CliError(`--jdbc-password-file ${file}: the password is empty`);
  if (/[\u0000-\u001f\u007f-\u009f]/.test(password)) throw new CliError(`--jdbc-password-file ${file}: the password holds a control character`);
  return password;
}

async function writeInfrastructure(args: InfrastructureArgs, namespace: string, objects: KubeObject[]): Promise<void> {
  const { addToTree } = require('./tree') as typeof import('./tree');
  const { setPath } = require('../../gitops/edit') as typeof import('../../gitops/edit');
  await addToTree(args, namespace, 'infrastructure', (inventory) => objects.map((object): TreeFile => {
    if (object.kind === 'MessagingInfrastructure') {
      return { name: messagingInfrastructureFile(String(object.metadata.name)), object };
    }
    if (object.kind !== 'IoTConfig') return { name: `postgresql-${object.kind.toLowerCase()}.yaml`, object };
    const name = 'iot-config.yaml';
    // The IoTConfig of the namespace, even under another name (the rename is a fix of its own): --force
    // rewrites only what this command decides, its binding and its registry, and keeps everything else.
    const rewrite = (doc: Parameters<typeof setPath>[0]) => {
      setPath(doc, ['spec', 'messagingInfrastructureRef'], object.spec?.messagingInfrastructureRef);
      const services = (object.spec?.services ?? {}) as Record<string, unknown>;
      for (const [service, value] of Object.entries(services)) setPath(doc, ['spec', 'services', service], value);
    };
    return { name, object, existing: iotConfigIn(inventory, namespace, String(object.spec?.messagingInfrastructureRef)), rewrite };
  }));
  if (objects.some((o) => o.kind === 'Deployment')) for (const line of passwordSteps(namespace)) err(args.ctx, line);
}

/**
 * The IoTConfig of a namespace that --force rewrites: the one named default, else the one bound to `binding`
 * (a misnamed one whose rename is a fix of its own), else the only one.
 */
function iotConfigIn(inventory: LocatedObject[], namespace: string, binding: string): LocatedObject | undefined {
  const configs = inventory.filter(({ object }) => canonicalKind(object.apiVersion, object.kind) === 'IoTConfig' &&
    object.metadata.namespace === namespace);
  const bindingOf = ({ object }: LocatedObject) => {
    const ref = object.spec?.messagingInfrastructureRef;
    return typeof ref === 'string' && ref !== '' ? ref : object.metadata.name;
  };
  return configs.find(({ object }) => object.metadata.name === DEFAULT_NAME) ??
    configs.find((c) => bindingOf(c) === binding) ?? (configs.length === 1 ? configs[0] : undefined);
}
