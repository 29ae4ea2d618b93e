/** `kubectl iot create project NAME`: the IoTProject, optionally with its namespace's MessagingTenant. */
import type { CommandModule } from 'yargs';
import { CliError } from '../../errors';
import { buildProject, buildTenant } from '../../model/manifests';
import { invalidSubdomain, invalidTenantName, tenantName } from '../../model/names';
import type { KubeObject } from '../../model/kinds';
import { liveFinder } from '../objects';
import { checkDestination, createFlags, deliver, namespaceFor, type CreateArgs } from './emit';
import { err } from '../../context';
import { clusterOptions } from '../options';

interface ProjectArgs extends CreateArgs {
  name: string;
  'create-tenant': boolean;
}

export const createProjectCommand: CommandModule<CreateArgs, ProjectArgs> = {
  command: 'project <name>',
  describe: 'Create an IoTProject: one Hono tenant named <namespace>.<name>',
  builder: (yargs) =>
    createFlags(yargs)
      .positional('name', { type: 'string', demandOption: true, describe: 'Name of the IoT project (DNS-1123 subdomain)' })
      .option('create-tenant', {
        type: 'boolean',
        default: false,
        describe: "Also create the namespace's MessagingTenant \"default\" when it has none",
      })
      .example('kubectl iot create project iot1 -n ns1', 'Print the IoTProject as YAML')
      .example('kubectl iot create project iot1 -n ns1 --create-tenant -o json', 'Print the project and its tenant as JSON')
      .example('kubectl iot create project iot1 -n ns1 --gitops-dir ./cluster', 'Write it into a GitOps tree, checked first')
      .example('kubectl iot create project iot1 -n ns1 --apply', 'Server-side apply it to the current cluster') as never,
  handler: async (args) => {
    checkDestination(args);
    const namespace = namespaceFor(args);
    const name = validProjectName(String(args.name), namespace);
    const project = buildProject(namespace, name);
    const tenant = args['create-tenant'] ? buildTenant(namespace) : undefined;
    const objects: KubeObject[] = tenant ? [tenant, project] : [project];
    await deliver(args, objects, () => (require('./tree') as typeof import('./tree')).writeProjectToTree(args, project, tenant));
    if (args.apply && args.force && args['dry-run'] !== 'server') await removeStrategy(args, namespace, name);
  },
};

/**
 * --force --apply puts a live project into the managed form: server-side apply cannot drop a field that another
 * manager set (kubectl apply, a controller), so spec.downstreamStrategy is removed with a merge patch.
 */
async function removeStrategy(args: CreateArgs, namespace: string, name: string): Promise<void> {
  const cluster = await args.ctx.connect(clusterOptions(args));
  const live = (await liveFinder(cluster, namespace))('IoTProject', name);
  if (!live || live.spec?.downstreamStrategy === undefined) return;
  err(args.ctx, await cluster.mergePatch(live.apiVersion, live.kind, namespace, name, { spec: { downstreamStrategy: null } }));
}

/** The project name, if it is a valid metadata.name and yields a valid Hono tenant name. */
export function validProjectName(name: string, namespace: string): string {
  const problem = invalidSubdomain(name);
  if (problem) throw new CliError(`invalid IoT project name "${name}": ${problem}`);
  const tenantProblem = invalidTenantName(tenantName(namespace, name));
  if (tenantProblem) throw new CliError(`invalid IoT project name "${name}": ${tenantProblem}`);
  return name;
}
