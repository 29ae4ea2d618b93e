/**
 * Runs health checks in the evaluators Argo CD and Flux use, through tools/health-eval (built by
 * scripts/install-tools.sh health-eval): Argo CD's argocd-cm sandbox on gopher-lua, Flux's fluxcd/pkg/runtime/cel;
 * and Argo CD's directory globs through gobwas/glob.
 * Each call is one process for every object given.
 */
import { spawnSync } from 'node:child_process';
import type { Test } from 'uvu';
import type { HealthCheckExpr } from '../../plugin/gitops/flux-health';
import { requireTools } from './ci';

export interface Verdict {
  status: string;
  message?: string;
  /** The status comes from a failed evaluation (script or expression error), not from the check. */
  error?: boolean;
}

/** Argo CD: `script` for every object, or the script Argo CD picks from argocd-cm `data` for each. */
export type ArgoRequest = ({ script: string } | { data: Record<string, string> }) & { objects: unknown[] };
export interface FluxRequest { healthCheckExprs: HealthCheckExpr[]; objects: unknown[] }

/** Whether `health-eval` is on PATH. */
export function healthEvalAvailable(): boolean {
  return spawnSync('health-eval', [], { encoding: 'utf8' }).error === undefined;
}

function run<T = Verdict[]>(engine: 'argocd' | 'flux' | 'argo-glob', requests: unknown[]): T[] {
  const result = spawnSync('health-eval', [engine], { input: JSON.stringify(requests), encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.status !== 0) throw new Error(`health-eval ${engine}: ${result.error ?? result.stderr}`);
  return JSON.parse(result.stdout);
}

export const argocdHealth = (requests: ArgoRequest[]): Verdict[][] => run('argocd', requests);
export const fluxHealth = (requests: FluxRequest[]): Verdict[][] => run('flux', requests);

/** Argo CD's directory globs through gobwas/glob (its reposerver's util/glob): per pattern, whether it compiled and each path's match. */
export const argoGlobMatches = (requests: { pattern: string; paths: string[] }[]): { compiled: boolean; matches: (boolean | null)[] }[] =>
  run('argo-glob', requests);

/**
 * A suite's guard for the helper: when it is missing, outside CI the suite registers one skipped test saying so;
 * under CI it fails. Returns whether the helper is there.
 */
export function requireHealthEval(test: Test): boolean {
  return requireTools(test, 'every check', healthEvalAvailable() ? [] : ['health-eval'], 'scripts/install-tools.sh health-eval');
}
