import { posix } from 'node:path';
import type { PolicyInfo, ResourceRef } from '../policy/types';

/** How people name a resource: `IoTProject ns1/iot1`, or `Namespace ns1` when cluster-scoped. */
export function resourceLabel(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** A finding's message naming its resource: as is when the message already names it, else prefixed with it. */
export function findingText(finding: { resource: ResourceRef; message: string }): string {
  const label = resourceLabel(finding.resource);
  return finding.message.includes(label) ? finding.message : `${label}: ${finding.message}`;
}

// Decided in policy/ (the settled checks name it too); re-exported for the printers and commands that label it.
export { projectResource } from '../policy/settled';

/** A finding's file as URIs and CI annotations want it: forward slashes whatever the platform. */
export function artifactPath(file: string, root = ''): string {
  const path = file.replace(/\\/g, '/');
  // Files are relative to the checked folder; annotations must point at files from the working directory.
  return root && root !== '.' ? posix.normalize(posix.join(root.replace(/\\/g, '/'), path)) : path;
}

/** The policies by id, for looking up titles and severities. */
export function policiesById(policies: PolicyInfo[]): Map<string, PolicyInfo> {
  return new Map(policies.map((policy) => [policy.id, policy]));
}

/** `1 error`, `2 errors`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
