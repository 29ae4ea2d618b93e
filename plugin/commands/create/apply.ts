/**
 * `create ... --apply`: predicts each project's status against the live cluster before applying (as
 * cluster/apply-plan.ts plans it), explains it on stderr, and offers to add the namespace's missing messaging
 * tenant (the design's "offer to create it on the fly").
 */
import { createInterface } from 'node:readline';
import { namespacesLackingTenant, predictApply, withTenant, type ClusterState } from '../../cluster/apply-plan';
import type { Context } from '../../context';
import type { KubeObject } from '../../model/kinds';
import { describePrediction } from '../../output/prediction';

export { targetNamespace } from '../../cluster/apply-plan';

/** What deciding needs besides the objects; injected so the flow is testable without a terminal. */
export interface PlanContext extends ClusterState {
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  ask?: (question: string) => Promise<boolean>;
  say: (line: string) => void;
}

/** The objects to apply: `objects`, plus the tenant when the user accepted the offer. */
export async function planApply(objects: KubeObject[], context: PlanContext): Promise<KubeObject[]> {
  const statuses = predictApply(objects, context);
  for (const status of statuses) for (const line of describePrediction(status, 'once applied')) context.say(line);
  let planned = objects;
  for (const namespace of namespacesLackingTenant(statuses)) {
    if (context.ask && (await context.ask(`Create MessagingTenant ${namespace}/default now? [y/N] `))) {
      planned = withTenant(planned, namespace);
      continue;
    }
    context.say(`Applying without MessagingTenant ${namespace}/default; create it later with ` +
      `kubectl iot create tenant -n ${namespace} --apply (or pass --create-tenant).`);
  }
  if (planned === objects) return planned;
  for (const status of predictApply(planned, context)) {
    for (const line of describePrediction(status, 'with its tenant')) context.say(line);
  }
  return planned;
}

/** A y/N question on the command's stderr, answered on its stdin; only offered when both are terminals. */
export function terminalQuestion(ctx: Pick<Context, 'stdin' | 'stderr'>): PlanContext['ask'] {
  if (!ctx.stdin.isTTY || !ctx.stderr.isTTY) return undefined;
  return (question) => new Promise((resolve) => {
    const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}
