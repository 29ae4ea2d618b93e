/** `kubectl iot create infrastructure`: the IoTConfig "default" with its device registry. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { CliError } from '../../errors';
import { buildInfrastructure, passwordSteps, type RegistryOptions } from '../../model/infrastructure';
import type { KubeObject } from '../../model/kinds';
import { invalidSubdomain } from '../../model/names';
import { registrySchemaSql } from '../../model/schema';
import { describeFsError } from '../../gitops/read';
import { pathArg, writeErr } from '../../terminal';
import { validNamespace } from '../options';
import { applyObjects, checkDestination, createFlags, printObjects, type CreateArgs } from './emit';
import { readTree, writeFiles, type TreeFile } from './tree';

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
      .option('messaging-infrastructure', { type: 'string', default: 'default', describe: 'The MessagingInfrastructure (in --infra-namespace) to bind to' })
      .option('create-messaging-infrastructure', { type: 'boolean', default: false, describe: 'Also create that MessagingInfrastructure (serving all namespaces)' })
      .option('postgresql', { type: 'boolean', default: true, describe: 'Deploy PostgreSQL beside it as the device registry, with the schema (default)' })
      .option('jdbc-url', { type: 'string', describe: 'Use an external JDBC server instead (jdbc:postgresql://host:5432/db)' })
      .option('jdbc-username', { type: 'string', describe: 'User of the external JDBC server' })
      .option('jdbc-password-file', { type: 'string', describe: 'File holding its password, or - for stdin (never a flag value)' })
      .example('kubectl iot create infrastructure --create-messaging-infrastructure', 'IoTConfig, MessagingInfrastructure and PostgreSQL')
      .example('kubectl iot create infrastructure --jdbc-url jdbc:postgresql://db:5432/hono --jdbc-username hono --jdbc-password-file pw.txt', 'An external database')
      .example('kubectl iot create infrastructure --gitops-dir ./cluster', 'Into a GitOps tree (no password in Git)') as never,
  handler: async (args) => {
    checkDestination(args);
    const namespace = validNamespace(args['infra-namespace'], '--infra-namespace');
    const messagingInfrastructure = args['messaging-infrastructure'];
    const problem = invalidSubdomain(messagingInfrastructure);
    if (problem) throw new CliError(`invalid --messaging-infrastructure "${messagingInfrastructure}": ${problem}`);
    const toGit = args['gitops-dir'] !== undefined;
    const registry = await registryOf(args, toGit);
    const objects = buildInfrastructure({
      namespace, messagingInfrastructure, registry,
      createMessagingInfrastructure: args['create-messaging-infrastructure'],
    }, registrySchemaSql());
    if (toGit) return writeInfrastructure(args, namespace, objects);
    if (args.apply) return applyObjects(objects, args);
    printObjects(objects, args);
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
    return toGit ? { kind: 'postgresql' } : { kind: 'postgresql', password: randomBytes(18).toString('base64url') };
  }
  if (!/^jdbc:[a-z0-9]+:/.test(args['jdbc-url'])) {
    throw new CliError(`invalid --jdbc-url "${args['jdbc-url']}": expected jdbc:<driver>:..., e.g. jdbc:postgresql://db:5432/hono`);
  }
  const password = args['jdbc-password-file'] === undefined ? undefined : await readPassword(pathArg(args['jdbc-password-file']));
  if (password !== undefined && toGit) {
    writeErr('warning: the IoTConfig API takes the password as plain text, so it lands in Git ' +
      '(policy iot-infrastructure-plaintext-password); prefer leaving --jdbc-password-file out and patching it in the cluster.');
  }
  return { kind: 'external', url: args['jdbc-url'], username: args['jdbc-username'], password };
}

async function readPassword(file: string): Promise<string> {
  let text: string;
  try {
    text = file === '-' ? await readAll(process.stdin) : readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`--jdbc-password-file ${file}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new CliError(`--jdbc-password-file ${file}: the password is empty`);
  return password;
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

const FILE_OF_KIND: Record<string, string> = {
  MessagingInfrastructure: 'messaging-infrastructure.yaml',
  IoTConfig: 'iot-config.yaml',
};

async function writeInfrastructure(args: InfrastructureArgs, namespace: string, objects: KubeObject[]): Promise<void> {
  const inventory = await readTree(String(args['gitops-dir']), namespace);
  const files: TreeFile[] = objects.map((object) => ({
    name: FILE_OF_KIND[object.kind] ?? `postgresql-${object.kind.toLowerCase()}.yaml`,
    object,
  }));
  writeFiles(args, inventory, namespace, 'infrastructure', files);
  if (objects.some((o) => o.kind === 'Deployment')) for (const line of passwordSteps(namespace)) writeErr(line);
}
