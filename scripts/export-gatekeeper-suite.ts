/**
 * The `gator verify` suite of the Gatekeeper export: for every sample of a policy, each object of the kinds
 * the policy reports on is reviewed with the whole sample as data.inventory, and the suite asserts the exact
 * violations `kubectl iot check` reports for it (the WebAssembly module's verdicts on the same sample).
 */
import type { CanonicalKind } from '../plugin/model/kinds';
import { exportName } from './export-gatekeeper';
import { isKind, sampleCopy, yamlFile, type CheckedSample, type PolicyMeta, type Severity } from './export-sources';

interface Assertion {
  violations: number;
  message?: string;
}

/** A Go (RE2) regular expression matching exactly `text`. */
export function exactly(text: string): string {
  return `^${text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&')}$`;
}

function assertions(messages: string[]): Assertion[] {
  if (messages.length === 0) return [{ violations: 0 }];
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(message, (counts.get(message) ?? 0) + 1);
  return [{ violations: messages.length },
    ...[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([message, violations]) => ({ message: exactly(message), violations }))];
}

/** The suite and its case files, by path inside policies/build/gatekeeper/. */
export function gatekeeperSuite(policies: PolicyMeta[], samples: CheckedSample[],
  reported: Map<string, Set<CanonicalKind>>, severities: Map<string, Severity[]>): Record<string, string> {
  const files: Record<string, string> = {};
  const tests = policies.flatMap((policy) => [undefined, ...(severities.get(policy.id) ?? [])].map((other) => {
    const severity = other ?? policy.severity;
    const kinds = reported.get(policy.id) ?? new Set<CanonicalKind>();
    const cases = samples.filter((s) => s.id === policy.id).flatMap((sample) => {
      const dir = `tests/${policy.id}/${sample.name}`;
      files[`${dir}/inventory.yaml`] = sampleCopy(sample, sample.documents);
      return sample.documents.flatMap((document, index) => {
        if (!isKind(document, kinds)) return [];
        const name = String(document.metadata?.name ?? '');
        const object = `${dir}/${String(index).padStart(2, '0')}-${document.kind.toLowerCase()}-${name}.yaml`;
        files[object] = sampleCopy(sample, [document]);
        const messages = sample.findings.filter((f) => f.policy === policy.id && f.index === index && f.severity === severity)
          .map((f) => f.message);
        const where = document.metadata?.namespace ? `${document.metadata.namespace}/${name}` : name;
        return [{
          name: `${sample.name}: ${document.kind} ${where}${other ? ` (${other}s)` : ''}`,
          object,
          inventory: [`${dir}/inventory.yaml`],
          assertions: assertions(messages),
        }];
      });
    });
    const name = exportName(policy.id, other);
    return { name, template: `templates/${name}.yaml`, constraint: `constraints/${name}.yaml`, cases };
  }));
  files['suite.yaml'] = yamlFile({
    apiVersion: 'test.gatekeeper.sh/v1alpha1',
    kind: 'Suite',
    metadata: { name: 'kubectl-iot' },
    tests,
  }, 'the samples of policies/ and the verdicts of policies/build/policy.wasm on them');
  return files;
}
