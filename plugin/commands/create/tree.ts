/** Writes what a `create` command built into a GitOps tree, after predicting what it will do there. */
import { stringify } from 'yaml';
import { CliError } from '../../errors';
import { planNamespaceFiles } from '../../gitops/layout';
import { sourceFolderFor, treeExpander } from '../../gitops/source-folder';
import { statSync } from 'node:fs';
import { describeFsError, readInventory, type LocatedObject } from '../../gitops/read';
import { planDocumentChanges, replaceObject, setPath, type ObjectChange } from '../../gitops/edit';
import { checkPlan, writePlan, type PlannedFile } from '../../gitops/write';
import type { Document } from 'yaml';
import { canonicalKind, type KubeObject } from '../../model/kinds';
import { describePrediction } from '../../output/prediction';
import { evaluateInventory, loadEvaluator } from '../../policy/evaluate';
import { writeErr } from '../../terminal';
import type { CreateArgs } from './emit';
import { editableSource } from '../objects';

/** A file to add: its name inside the namespace's folder, and the object it holds. */
export interface TreeFile {
  name: string;
  object: KubeObject;
  /** The object already in the tree that this one stands for (default: same kind, namespace and name). */
  existing?: LocatedObject;
  /** How --force rewrites that object where it is (default: replaced whole, the comment above it kept). */
  rewrite?: (doc: Document.Parsed) => void;
}

/** Reads the tree as `check` would (kustomize included); --gitops-dir must be a folder. */
export function readTree(root: string, namespace: string): Promise<LocatedObject[]> {
  let info;
  try {
    info = statSync(root);
  } catch (error) {
    throw new CliError(`--gitops-dir ${root}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  if (!info.isDirectory()) throw new CliError(`--gitops-dir ${root}: not a directory`);
  return readInventory([root], { defaultNamespace: namespace, expand: treeExpander(root, namespace) });
}

/** Finds an object of the same kind, namespace and name already in the tree. */
export function findInTree(inventory: LocatedObject[], object: KubeObject): LocatedObject | undefined {
  const kindOf = (o: KubeObject) => canonicalKind(o.apiVersion, o.kind) ?? `${o.apiVersion}/${o.kind}`;
  const kind = kindOf(object);
  return inventory.find(({ object: o }) => kindOf(o) === kind &&
    o.metadata.name === object.metadata.name && (o.metadata.namespace ?? '') === (object.metadata.namespace ?? ''));
}

/**
 * Writes `files` into the folder of `namespace` (default: `defaultFolder`) and registers them. An object the tree
 * already has is refused, or with --force rewritten in the file where it lives (never a second copy).
 * Returns the inventory with the new objects added.
 */
export function writeFiles(args: CreateArgs, inventory: LocatedObject[], namespace: string, defaultFolder: string,
  files: TreeFile[]): LocatedObject[] {
  const root = String(args['gitops-dir']);
  const fresh: TreeFile[] = [];
  const changes: ObjectChange[] = [];
  for (const file of files) {
    const existing = file.existing ?? findInTree(inventory, file.object);
    if (!existing) {
      fresh.push(file);
      continue;
    }
    const what = `${existing.object.kind} ${namespace}/${existing.object.metadata.name}`;
    if (!args.force) throw new CliError(`${what} already exists in ${root} (${where(existing)}); use --force to rewrite it there`);
    const source = editableSource(existing, what);
    const rewrite = file.rewrite ?? ((doc: Document.Parsed) => replaceObject(doc, keepingNamespace(doc, file.object)));
    changes.push({ source, what, change: { edit: rewrite } });
  }
  const contents = Object.fromEntries(fresh.map((f) => [f.name, stringify(f.object, { lineWidth: 0 })]));
  const plan: PlannedFile[] = [
    ...planDocumentChanges(root, changes),
    ...(fresh.length > 0 ? planNamespaceFiles(root, namespace, defaultFolder, contents, sourceFolderFor(inventory, root, namespace)) : []),
  ];
  report(writePlan(root, checkPlanned(root, plan, Boolean(args.force)), Boolean(args.force)));
  return [...inventory, ...fresh.map(({ name, object }) => ({ object, source: { file: name, line: 1 } }))];
}

/** Applies changes to objects that already exist (rename, delete) and says what it did. */
export function changeFiles(root: string, changes: ObjectChange[]): void {
  report(writePlan(root, checkPlanned(root, planDocumentChanges(root, changes), false), false));
}

function checkPlanned(root: string, plan: PlannedFile[], force: boolean): PlannedFile[] {
  checkPlan(root, plan, force);
  return plan;
}

function report(result: ReturnType<typeof writePlan>): void {
  for (const path of result.created) writeErr(`created ${path}`);
  for (const path of result.updated) writeErr(`updated ${path}`);
  for (const path of result.removed) writeErr(`removed ${path}`);
}

/** A rewritten object keeps the document's way of naming its namespace: absent where kustomize or -n sets it. */
function keepingNamespace(doc: Document.Parsed, object: KubeObject): KubeObject {
  if (doc.hasIn(['metadata', 'namespace'])) return object;
  const { namespace: _namespace, ...metadata } = object.metadata;
  return { ...object, metadata };
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
  // --force rewrites an existing project in the managed form: only spec.downstreamStrategy goes.
  files.push({ name: `iot-project-${name}.yaml`, object: project,
    rewrite: (doc) => setPath(doc, ['spec', 'downstreamStrategy'], undefined) });
  // Check the preconditions before writing, against the tree as it will be.
  const evaluator = await loadEvaluator();
  const replaced = new Set(files.map((f) => findInTree(inventory, f.object)));
  const planned = [...inventory.filter((l) => !replaced.has(l)),
    ...files.map(({ name: file, object }) => ({ object, source: { file, line: 1 } }))];
  const report = evaluateInventory(evaluator, planned, { infraNamespace: args['infra-namespace'] });
  const status = report.projects.find((p) => p.namespace === namespace && p.name === name);
  writeFiles(args, inventory, namespace, `tenants/${namespace}`, files);
  if (status) for (const line of describePrediction(status, `once ${root} is synced`)) writeErr(line);
}

function where(located: LocatedObject): string {
  return located.source ? `${located.source.file}:${located.source.line}` : 'the cluster';
}
