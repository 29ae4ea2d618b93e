/**
 * The Gatekeeper export: per policy a ConstraintTemplate whose Rego calls the policy's own `findings` on the
 * inventory scripts/exports/gatekeeper.rego builds from `data.inventory` and the object under review, with
 * the pack's modules as `libs`, mechanically renamed from `policies.*` to `lib.policies.*` (Gatekeeper takes
 * libraries only under data.lib). Gatekeeper parses Rego without METADATA, so each policy's
 * `rego.metadata.chain()` lookup becomes the same METADATA as a literal, from policies.json. Plus a Constraint
 * per policy and the sync Config for the kinds the inventory reads. A Constraint has one enforcementAction, so a
 * policy whose findings may carry another severity than its own (a warning of an error policy) gets a second
 * template and Constraint for those: the same name, a kind with the severity appended, the other action.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_INFRA_NAMESPACE, type CanonicalKind } from '../plugin/model/kinds';
import { modelKinds, packModules, yamlFile, type ModelKind, type PolicyMeta, type RegoModule,
  type Severity } from './export-sources';

const ADAPTER = 'scripts/exports/gatekeeper.rego';
const TARGET = 'admission.k8s.gatekeeper.sh';
const METADATA_LOOKUP = /^metadata := finding\.annotations\(rego\.metadata\.chain\(\)\)$/m;

const pascal = (words: string): string => words.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/**
 * The Constraint kind of a policy: K8sIot + the id in PascalCase (its template is named in lowercase); for the
 * findings of a severity other than the policy's own, that severity appended (K8sIot...Warning).
 */
export function constraintKind(id: string, severity?: Severity): string {
  return `K8sIot${pascal(id)}${severity ? pascal(severity) : ''}`;
}

/** The file name (without .yaml) of a policy's template and Constraint, for its own severity or another one. */
export function exportName(id: string, severity?: Severity): string {
  return severity ? `${id}-${severity}` : id;
}

/** The enforcementAction of a severity. */
export function enforcementAction(severity: Severity): 'deny' | 'warn' {
  return severity === 'error' ? 'deny' : 'warn';
}

/** A module with its packages and imports moved from data.policies to data.lib.policies. */
export function underLib(module: RegoModule): string {
  const renamed = module.text
    .replace(/^package policies([.[])/m, 'package lib.policies$1')
    .replace(/^import data\.policies([.[])/gm, 'import data.lib.policies$1');
  if (/\bdata\.policies\b|^package policies\b/m.test(renamed)) {
    throw new Error(`${module.path}: a reference to data.policies is left after renaming`);
  }
  return renamed;
}

/** A policy module with its METADATA lookup replaced by the METADATA itself (Gatekeeper drops annotations). */
export function withLiteralMetadata(module: RegoModule, meta: PolicyMeta): string {
  if (!METADATA_LOOKUP.test(module.text)) throw new Error(`${module.path}: no "metadata := finding.annotations(...)" line`);
  const literal = JSON.stringify(meta, null, '\t');
  const text = module.text.replace(METADATA_LOOKUP, `# This package's METADATA, written out: Gatekeeper parses Rego without annotations.\nmetadata := ${literal}`);
  if (text.includes('rego.metadata')) throw new Error(`${module.path}: rego.metadata is left`);
  return text;
}

/** The libs of every template: the shared library, the adapter and `policy`'s own module. */
function libs(policy: PolicyMeta, modules: RegoModule[]): string[] {
  const lib = modules.filter((m) => m.path.startsWith('policies/lib/'));
  const own = modules.find((m) => m.path === `policies/${policy.id}/${policy.id}.rego`);
  if (!own) throw new Error(`policies/${policy.id}/${policy.id}.rego is missing`);
  const adapter = { path: ADAPTER, text: readFileSync(ADAPTER, 'utf8') };
  return [...lib, adapter, { path: own.path, text: withLiteralMetadata(own, policy) }].map(underLib);
}

function entrypoint(policy: PolicyMeta, other?: Severity): string {
  return `package ${constraintKind(policy.id, other).toLowerCase()}

import data.lib.policies.adapters.gatekeeper as adapter
import data.lib.policies["${policy.id}"] as policy

# What Gatekeeper's sync Config replicates (config.yaml); nothing before a sync.
default synced := {}

synced := data.inventory

# ${policy.title}: the findings about the object under review${other ? ` that are ${other}s` : ''}.
violation contains adapter.violation(finding) if {
	parameters := object.get(input, "parameters", {})
	some finding in policy.findings(adapter.inventory_for(synced, input.review, parameters))
	adapter.reviewed(finding)
	finding.severity == "${other ?? policy.severity}"${policy.scope === 'inventory' ? '\n\tdata.inventory' : ''}
}
${policy.scope === 'inventory' && !other ? `
# It reads other objects: with none synced it cannot decide, and fails closed.
violation contains adapter.unsynced_violation("${policy.id}", "${policy.severity}") if {
	not data.inventory
	adapter.reviewable(input.review)
}
` : ''}`;
}

/** The requires-sync-data annotation: every canonical kind, satisfied by any of its served versions. */
function syncRequirements(kinds: ModelKind[]): string {
  const canonical = [...new Set(kinds.map((k) => k.canonical))];
  return JSON.stringify(canonical.map((c) => kinds.filter((k) => k.canonical === c)
    .map((k) => ({ groups: [k.group], versions: [k.version], kinds: [k.kind] }))));
}

function template(policy: PolicyMeta, modules: RegoModule[], kinds: ModelKind[], other?: Severity): object {
  const kind = constraintKind(policy.id, other);
  return {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: {
      name: kind.toLowerCase(),
      annotations: {
        'metadata.gatekeeper.sh/title': policy.title,
        description: policy.description,
        'metadata.gatekeeper.sh/requires-sync-data': syncRequirements(kinds),
      },
    },
    spec: {
      crd: { spec: { names: { kind }, validation: { openAPIV3Schema: { type: 'object', properties: {
        infraNamespace: { type: 'string', description: `Namespace of the messaging and IoT infrastructure (default ${DEFAULT_INFRA_NAMESPACE})` },
      } } } } },
      targets: [{ target: TARGET, code: [{ engine: 'Rego', source: { version: 'v1', rego: entrypoint(policy, other), libs: libs(policy, modules) } }] }],
    },
  };
}

function constraint(policy: PolicyMeta, reported: Set<CanonicalKind>, kinds: ModelKind[], other?: Severity): object {
  const matched = kinds.filter((k) => reported.has(k.canonical));
  const groups = [...new Set(matched.map((k) => k.group))];
  const severity = other ?? policy.severity;
  return {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind: constraintKind(policy.id, other),
    metadata: { name: policy.id, annotations: { 'kubectl-iot.enmasse.io/severity': severity } },
    spec: {
      enforcementAction: enforcementAction(severity),
      match: { kinds: groups.map((g) => ({ apiGroups: [g], kinds: [...new Set(matched.filter((k) => k.group === g).map((k) => k.kind))] })) },
      parameters: { infraNamespace: DEFAULT_INFRA_NAMESPACE },
    },
  };
}

function syncConfig(kinds: ModelKind[]): object {
  return {
    apiVersion: 'config.gatekeeper.sh/v1alpha1',
    kind: 'Config',
    metadata: { name: 'config', namespace: 'gatekeeper-system' },
    spec: { sync: { syncOnly: kinds.map(({ group, version, kind }) => ({ group, version, kind })) } },
  };
}

/** Templates, Constraints and the sync Config, by path inside policies/build/gatekeeper/. */
export function gatekeeperFiles(policies: PolicyMeta[], reported: Map<string, Set<CanonicalKind>>,
  severities: Map<string, Severity[]>): Record<string, string> {
  const modules = packModules();
  const kinds = modelKinds();
  const files: Record<string, string> = { 'config.yaml': yamlFile(syncConfig(kinds), 'the CRDs of plugin/model') };
  for (const policy of policies) {
    const reportedKinds = reported.get(policy.id);
    if (!reportedKinds) throw new Error(`no denied sample of ${policy.id} reports a finding`);
    for (const other of [undefined, ...(severities.get(policy.id) ?? [])]) {
      const name = exportName(policy.id, other);
      files[`templates/${name}.yaml`] = yamlFile(template(policy, modules, kinds, other));
      files[`constraints/${name}.yaml`] = yamlFile(constraint(policy, reportedKinds, kinds, other), 'the METADATA and samples of policies/');
    }
  }
  return files;
}
