/**
 * Flux health checks for IoT resources: kustomize-controller's `spec.healthCheckExprs` (CEL, Flux >= 2.5).
 * `kubectl iot init --engine flux` puts them on the infrastructure and tenants Kustomizations, and
 * scripts/gen-gitops-components.ts writes them into kustomize/components/flux for existing Flux setups: this
 * is their one source. They cover the kinds the Argo CD checks cover, under every name of each kind.
 *
 * Flux (fluxcd/pkg/runtime/cel) first applies its own rule: a status.observedGeneration that differs from
 * metadata.generation is in progress, whatever the phase (Argo CD's common.lua does the same). Then it tries
 * inProgress, failed, current on the object itself (`status` is a top-level variable); the first that is true
 * wins, none true is in progress. Every access to `status.phase` is guarded with has(), because a missing field
 * is an evaluation error, not false. A missing `status` cannot be guarded (has() does not take top-level names):
 * until the controller writes one, Flux reports the evaluation error (Unknown) and keeps waiting, as for an
 * object in progress, up to the Kustomization's timeout.
 */
import { namesOf, type CanonicalKind } from '../model/kinds';

export interface HealthCheckExpr {
  apiVersion: string;
  kind: string;
  inProgress?: string;
  failed?: string;
  current: string;
}

/** The kinds with a health check, in Argo CD and in Flux (Argo CD's is kustomize/components/argocd/health/<kind>.lua). */
export const HEALTH_CHECKED_KINDS: CanonicalKind[] = ['IoTProject', 'IoTConfig', 'MessagingTenant', 'MessagingInfrastructure'];

/** Active is ready; Failed fails the health check (the reason is on the object); anything else is in progress. */
export const PHASE_HEALTH = {
  inProgress: "!has(status.phase) || !(status.phase in ['Active', 'Failed'])",
  failed: "has(status.phase) && status.phase == 'Failed'",
  current: "has(status.phase) && status.phase == 'Active'",
};

/** The healthCheckExprs of the Kustomizations that apply IoT resources: one per name of each checked kind. */
export const HEALTH_CHECK_EXPRS: HealthCheckExpr[] = HEALTH_CHECKED_KINDS.flatMap((kind) =>
  namesOf(kind).map((name) => ({ ...name, ...PHASE_HEALTH })));
