/**
 * Flux health checks for IoT projects: kustomize-controller's `spec.healthCheckExprs` (CEL, Flux >= 2.5).
 * `kubectl iot init --engine flux` puts them on the tenants Kustomization, and scripts/gen-gitops-components.ts
 * writes them into kustomize/components/flux for existing Flux setups: this is their one source.
 *
 * Flux evaluates inProgress, then failed, then current, on the object itself (`status` is a top-level
 * variable); the first that is true wins, none true is in progress. Every access to `status.phase` is
 * guarded with has(), because a missing field is an evaluation error, not false. A missing `status`
 * cannot be guarded (has() does not take top-level names): until the controller writes one, Flux reports
 * the evaluation error and keeps waiting, as for a project in progress, up to the Kustomization's timeout.
 */
import { API_VERSION } from '../model/kinds';

export interface HealthCheckExpr {
  apiVersion: string;
  kind: string;
  inProgress?: string;
  failed?: string;
  current: string;
}

/** Active is ready; Failed fails the health check (the message is on the project); anything else is in progress. */
export const IOT_PROJECT_HEALTH: HealthCheckExpr = {
  apiVersion: API_VERSION.IoTProject,
  kind: 'IoTProject',
  inProgress: "!has(status.phase) || !(status.phase in ['Active', 'Failed'])",
  failed: "has(status.phase) && status.phase == 'Failed'",
  current: "has(status.phase) && status.phase == 'Active'",
};

/** The healthCheckExprs of the Kustomization that applies tenants and projects. */
export const TENANT_HEALTH_CHECK_EXPRS: HealthCheckExpr[] = [IOT_PROJECT_HEALTH];
