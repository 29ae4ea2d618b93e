/**
 * The data the policy pack produces and every printer consumes. `CheckReport` is the `check -o json`
 * contract (SPEC section 4): other tools parse it, so fields are only ever added, never renamed.
 */
import type { KubeObject } from '../model/kinds';

/** What the plugin passes to the policy pack besides the objects. */
export interface PolicyParameters {
  infraNamespace: string;
}

export type Severity = 'error' | 'warning';
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A Kubernetes object's identity as findings name it. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where a document came from: path relative to the checked root, 1-based line of its first line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** A status condition as the controller would set it. */
export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
}

/** The status the controller would give one IoTProject. */
export interface ProjectStatus {
  namespace: string;
  name: string;
  tenantName: string;
  /**
   * Active and Failed as the controller sets them; Unknown when the inventory lacks what decides it (a Namespace's
   * labels that a label selector reads), so no phase can be predicted.
   */
  phase: 'Active' | 'Failed' | 'Unknown';
  phaseReason: string;
  /** Only for a Failed project: whether it recovers by itself once the cause is fixed. */
  recovery?: 'automatic' | 'manual';
  /** Only for recovery manual: the command that re-creates the project once the cause is fixed. */
  recreate?: string;
  conditions: Condition[];
  addresses: string[];
  adapterAddresses: string[];
  /** The chain project -> tenant -> messaging infrastructure -> IoT infrastructure, as far as it resolves. */
  chain?: ProjectChain;
  source?: SourceRef;
}

export interface ProjectChain {
  tenant?: ResourceRef;
  messagingInfrastructure?: ResourceRef;
  iotInfrastructure?: ResourceRef;
}

/** One policy violation. */
export interface Finding {
  policy: string;
  severity: Severity;
  message: string;
  resource: ResourceRef;
  file?: string;
  line?: number;
  remediation: string;
  /** Only with `check --baseline`: `unchanged` when the baseline report has it (it does not fail the check). */
  baseline?: 'unchanged' | 'new';
}

export interface CheckSummary {
  resources: number;
  projects: number;
  errors: number;
  warnings: number;
}

export interface CheckReport {
  summary: CheckSummary;
  projects: ProjectStatus[];
  results: Finding[];
}

/**
 * A policy's METADATA, one entry of policies/build/policies.json (scripts/policy-catalog.mjs writes it from the
 * Rego annotations; policy/catalog.ts reads it, for the plugin and for the exporters in scripts/ alike).
 */
export interface PolicyInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** object: the object alone decides a verdict; inventory: other objects do too (engines must see them). */
  scope?: 'object' | 'inventory';
  condition?: string;
  /** For the policies that fail a project: whether it becomes Active again by itself or must be re-created. */
  recovery?: 'automatic' | 'manual';
  remediation: string;
  /** Remediation templates by case, for a policy whose fix depends on the case. */
  remediations?: Record<string, string>;
}

/** An object of the inventory and where it was read (gitops/read.ts reads files into these; a cluster gives no source). */
export interface LocatedObject {
  object: KubeObject;
  /** Absent for objects read from a live cluster. */
  source?: SourceRef;
}

/** How a batch's projects are written for a streamed report: as `check -o json` or `-o yaml` lists them, or as the text table's records. */
export type BatchFormat = 'json' | 'yaml' | 'text';
