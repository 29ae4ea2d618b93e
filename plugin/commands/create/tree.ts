/** Writes what a `create` command built into a GitOps tree, after predicting what it will do there. */
import { CliError } from '../../errors';
import { kustomizeWith } from '../../gitops/kustomize';
import { treeExpander } from '../../gitops/source-folder';
import { statSync } from 'node:fs';
import { describeFsError, readInventory, type LocatedObject } from '../../gitops/read';
import { planDocumentChanges, setPath, type ObjectChange } from '../../gitops/edit';
import { located, planTreeFiles, tenantInTree, treeWith, where, type TreeFile } from '../../gitops/tree-plan';
import { checkPlan, writePlan, type PlannedFile } from '../../gitops/write';
import type { KubeObject } from '../../model/kinds';
import { describePrediction } from '../../output/prediction';
import { evaluateInventory } from '../../policy/evaluate';
import { err, warner, type Context } from '../../context';
import type { CreateArgs } from './emit';

export { findInTree, type TreeFile } from '../../gitops/tree-plan';

/**
 * Reads the tree as `check` would (kustomize, of `env`'s kubectl, included); --gitops-dir must be a folder. `warn`
 * hears what is left out (a Helm chart in the tree).
 */
export function readTree(root: string, namespace: string, env: NodeJS.ProcessEnv, warn: (message: string) => void): Promise<LocatedObject[]> {
  let info;
  try {
    info = statSync(root);
  } catch (error) {
    throw new CliError(`--gitops-dir ${root}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  if (!info.isDirectory()) throw new CliError(`--gitops-dir ${root}: not a directory`);
  const kustomize = kustomizeWith(env);
  return readInventory([root], { defaultNamespace: namespace, kustomize, expand: treeExpander(root, namespace, kustomize), warn });
}

/**
 * Writes `files` into the folder of `namespace` (default: `defaultFolder`) and registers them, as
 * gitops/tree-plan.ts plans it (an existing object refused, or with --force rewritten where it lives).
 * Returns the inventory with the new objects added.
 */
export function writeFiles(args: CreateArgs, inventory: LocatedObject[], namespace: string, defaultFolder: string,
  files: TreeFile[]): LocatedObject[] {
  const root = String(args['gitops-dir']);
  const plan = planTreeFiles(root, inventory, namespace, defaultFolder, files, Boolean(args.force));
  report(args.ctx, writePlan(root, checkPlanned(root, plan.files, Boolean(args.force)), Boolean(args.force)));
  return [...inventory, ...located(plan.fresh)];
}

/** Reads --gitops-dir as check would, then writes the files `filesFor` makes of what it holds (see writeFiles). */
export async function addToTree(args: CreateArgs, namespace: string, defaultFolder: string,
  filesFor: (inventory: LocatedObject[]) => TreeFile[]): Promise<void> {
  const inventory = await readTree(String(args['gitops-dir']), namespace, args.ctx.env, warner(args.ctx));
  writeFiles(args, inventory, namespace, defaultFolder, filesFor(inventory));
}

/** Applies changes to objects that already exist (rename, delete) and says what it did. */
export function changeFiles(ctx: Pick<Context, 'stderr'>, root: string, changes: ObjectChange[]): void {
  report(ctx, writePlan(root, checkPlanned(root, planDocumentChanges(root, changes), false), false));
}

function checkPlanned(root: string, plan: PlannedFile[], force: boolean): PlannedFile[] {
  checkPlan(root, plan, force);
  return plan;
}

function report(ctx: Pick<Context, 'stderr'>, result: ReturnType<typeof writePlan>): void {
  for (const path of result.created) err(ctx, `created ${path}`);
  for (const path of result.updated) err(ctx, `updated ${path}`);
  for (const path of result.removed) err(ctx, `removed ${path}`);
}

/** Writes an IoTProject (and a tenant, unless the namespace has one) and explains its predicted status. */
export async function writeProjectToTree(args: CreateArgs, project: KubeObject, tenant?: KubeObject): Promise<void> {
  const root = String(args['gitops-dir']);
  const namespace = String(project.metadata.namespace);
  const name = String(project.metadata.name);
  const inventory = await readTree(root, namespace, args.ctx.env, warner(args.ctx));
  const files: TreeFile[] = [];
  if (tenant) {
    const present = tenantInTree(inventory, namespace);
    if (present) err(args.ctx, `MessagingTenant ${namespace}/default is already in ${where(present)}; not adding another.`);
    else files.push({ name: 'messaging-tenant.yaml', object: tenant });
  }
  // --force rewrites an existing project in the managed form: only spec.downstreamStrategy goes.
  files.push({ name: `iot-project-${name}.yaml`, object: project,
    rewrite: (doc) => setPath(doc, ['spec', 'downstreamStrategy'], undefined) });
  // Check the preconditions before writing, against the tree as it will be.
  const evaluator = await args.ctx.loadEvaluator();
  const report = evaluateInventory(evaluator, treeWith(inventory, files), { infraNamespace: args['infra-namespace'] });
  const status = report.projects.find((p) => p.namespace === namespace && p.name === name);
  writeFiles(args, inventory, namespace, `tenants/${namespace}`, files);
  if (status) for (const line of describePrediction(status, `once ${root} is synced`)) err(args.ctx, line);
}
