/**
 * `create ... --apply`: predicts each project's status against the live cluster before applying, explains it on
 * stderr, and offers to add the namespace's missing messaging tenant (the design's "offer to create it on the fly").
 */
import { createInterface } from 'node:readline';
import type { Cluster } from '../../cluster/index';
import { canonicalKind, type KubeObject } from '../../model/kinds';
import { buildTenant } from '../../model/manifests';
import { describePrediction } from '../../output/prediction';
import { evaluateInventory, type Evaluator } from '../../policy/evaluate';
import { overlayFiles } from '../../policy/overlay';
import type { ProjectStatus } from '../../policy/types';

/** What deciding needs besides the objects; injected so the flow is testable without a terminal. */
export interface PlanContext {
  live: KubeObject[];
  evaluator: Evaluator;
  infraNamespace: string;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  ask?: (question: string) => Promise<boolean>;
  say: (line: string) => void;
}

/** The objects to apply: `objects`, plus the tenant when the user accepted the offer. */
export async function planApply(objects: KubeObject[], context: PlanContext): Promise<KubeObject[]> {
  const statuses = predict(objects, context);
  for (const status of statuses) for (const line of describePrediction(status, 'once applied')) context.say(line);
  const lacking = statuses.filter((s) =>
    s.conditions.some((c) => c.type === 'HasMessagingTenant' && c.status === 'False'));
  let planned = objects;
  for (const namespace of new Set(lacking.map((s) => s.namespace))) {
    if (context.ask && (await context.ask(`Create MessagingTenant ${namespace}/default now? [y/N] `))) {
      planned = [buildTenant(namespace), ...planned];
      continue;
    }
    context.say(`Applying without MessagingTenant ${namespace}/default; create it later with ` +
      `kubectl iot create tenant -n ${namespace} --apply (or pass --create-tenant).`);
  }
  if (planned === objects) return planned;
  for (const status of predict(planned, context)) {
    for (const line of describePrediction(status, 'with its tenant')) context.say(line);
  }
  return planned;
}

/** The predicted status of each IoTProject among `objects`, with the cluster's state underneath. */
function predict(objects: KubeObject[], context: PlanContext): ProjectStatus[] {
  const inventory = overlayFiles(context.live, objects.map((object) => ({ object })));
  const report = evaluateInventory(context.evaluator, inventory, { infraNamespace: context.infraNamespace });
  return objects.filter((o) => canonicalKind(o.apiVersion, o.kind) === 'IoTProject').flatMap((o) =>
    report.projects.filter((p) => p.namespace === o.metadata.namespace && p.name === o.metadata.name));
}

/** The namespace the objects are applied in (namespaced ones name it), for reading the cluster's state there. */
export function targetNamespace(objects: KubeObject[], cluster: Pick<Cluster, 'namespace'>): string {
  return objects.find((o) => o.metadata.namespace)?.metadata.namespace ?? cluster.namespace;
}

/** A y/N question on stderr, answered on stdin; only offered when both are terminals. */
export function terminalQuestion(): PlanContext['ask'] {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (question) => new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
