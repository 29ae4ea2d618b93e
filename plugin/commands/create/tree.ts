/** Writes what a `create` command built into a GitOps tree, after predicting what it will do there. */
import { stringify } from 'yaml';
import { CliError } from '../../errors';
import { planNamespaceFiles } from '../../gitops/layout';
import { readInventory, type LocatedObject } from '../../gitops/read';
import { checkPlan, writePlan } from '../../gitops/write';
import { canonicalKind, type KubeObject } from '../../model/kinds';
import { describePrediction } from '../../output/prediction';
import { evaluateInventory, loadEvaluator } from '../../policy/evaluate';
import { writeErr } from '../../terminal';
import type { CreateArgs } from './emit';

/** A file to add: its name inside the namespace's folder, and the object it holds. */
export interface TreeFile {
  name: string;
  object: KubeObject;
}

/** Reads the tree as `check` would (kustomize included). */
export function readTree(root: string, namespace: string): Promise<LocatedObject[]> {
  return readInventory([root], { defaultNamespace: namespace });
}

/** Finds an object of the same kind, namespace and name already in the tree. */
export function findInTree(inventory: LocatedObject[], object: KubeObject): LocatedObject | undefined {
  const kind = canonicalKind(object.apiVersion, object.kind);
  return inventory.find(({ object: o }) => canonicalKind(o.apiVersion, o.kind) === kind &&
    o.metadata.name === object.metadata.name && (o.metadata.namespace ?? '') === (object.metadata.namespace ?? ''));
}

/**
 * Writes `files` into the folder of `namespace` (default: `defaultFolder`) and registers them. Refuses objects
 * the tree already has elsewhere unless --force. Returns the inventory with the new objects added.
 */
export function writeFiles(args: CreateArgs, inventory: LocatedObject[], namespace: string, defaultFolder: string,
  files: TreeFile[]): LocatedObject[] {
  const root = String(args['gitops-dir']);
  for (const { object } of files) {
    const existing = findInTree(inventory, object);
    if (existing && !args.force) {
      throw new CliError(`${object.kind} ${namespace}/${object.metadata.name} already exists in ${root} ` +
        `(${where(existing)}); use --force to write it again`);
    }
  }
  const contents = Object.fromEntries(files.map((f) => [f.name, stringify(f.object, { lineWidth: 0 })]));
  const plan = planNamespaceFiles(root, namespace, defaultFolder, contents);
  checkPlan(root, plan, Boolean(args.force));
  const result = writePlan(root, plan, Boolean(args.force));
  for (const path of result.created) writeErr(`created ${path}`);
  for (const path of result.updated) writeErr(`updated ${path}`);
  return [...inventory, ...files.map(({ name, object }) => ({ object, source: { file: name, line: 1 } }))];
}

/** Writes an IoTProject (and a tenant, unless the namespace has one) and explains its predicted status. */
export async function writeProjectToTree(args: CreateArgs, project: KubeObject, tenant?: KubeObject): Promise<void> {
  const root = String(args['gitops-dir']);
  const namespace = String(project.metadata.namespace);
  const name = String(project.metadata.name);
  const inventory = await readTree(root, namespace);
  const files: TreeFile[] = [];
  if (tenant) {
    const present = inventory.find(({ object }) => canonicalKind(object.apiVersion, object.kind) === 'MessagingTenant' &&
      object.metadata.namespace === namespace && object.metadata.name === 'default');
    if (present) writeErr(`MessagingTenant ${namespace}/default is already in ${where(present)}; not adding another.`);
    else files.push({ name: 'messaging-tenant.yaml', object: tenant });
  }
  files.push({ name: `iot-project-${name}.yaml`, object: project });
  // Check the preconditions before writing, against the tree as it will be.
  const evaluator = await loadEvaluator();
  const planned = [...inventory, ...files.map(({ name: file, object }) => ({ object, source: { file, line: 1 } }))];
  const report = evaluateInventory(evaluator, planned, { infraNamespace: args['infra-namespace'] });
  const status = report.projects.find((p) => p.namespace === namespace && p.name === name);
  writeFiles(args, inventory, namespace, `tenants/${namespace}`, files);
  if (status) for (const line of describePrediction(status, `once ${root} is synced`)) writeErr(line);
}

function where(located: LocatedObject): string {
  return located.source ? `${located.source.file}:${located.source.line}` : 'the cluster';
}
