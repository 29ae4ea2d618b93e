# METADATA
# title: Findings
# description: |-
#   Builds findings from a policy's own METADATA: the id, severity and remediation template come from the
#   annotations of the policy's package, so no other place repeats them.
package policies.lib.finding

import data.policies.lib.inventory
import data.policies.lib.kinds

# annotations: the METADATA of the package of the rule that called rego.metadata.chain(), with the custom
# fields lifted next to title and description.
annotations(chain) := object.union(link.annotations.custom, {
	"title": link.annotations.title,
	"description": link.annotations.description,
}) if {
	some link in chain
	link.annotations.scope == "package"
}

# new: a finding of policy `meta` about an inventory entry.
new(meta, entry, message, remediation) := {
	"policy": meta.id,
	"severity": meta.severity,
	"message": message,
	"resource": kinds.ref(entry),
	"remediation": remediation,
	"index": entry.index,
}

# remediation: the policy's remediation template with each {name} replaced by vars[name].
remediation(meta, vars) := expand(meta.remediation, vars)

# remediation_for: the template for a condition reason when the policy has one (custom.remediations), else
# its remediation template, expanded.
remediation_for(meta, reason, vars) := expand(meta.remediations[reason], vars) if {
	meta.remediations[reason]
} else := remediation(meta, vars)

expand(template, vars) := strings.replace_n({concat("", ["{", name, "}"]): value | some name, value in vars}, template)

# infra_namespace_flag: what `kubectl iot create ...` needs to work in an infrastructure namespace other than
# its default.
infra_namespace_flag(namespace) := "" if {
	namespace == inventory.default_infra_namespace
} else := concat("", [" --infra-namespace ", namespace])

# object_name: "Kind namespace/name" (or "Kind name" when cluster-scoped) as messages name objects.
object_name(entry) := concat("", [entry.object.kind, " ", entry.name]) if {
	entry.namespace == ""
} else := concat("", [entry.object.kind, " ", entry.namespace, "/", entry.name])

# names: "A, B and C".
names(items) := items[0] if {
	count(items) == 1
} else := concat(" and ", [concat(", ", array.slice(items, 0, count(items) - 1)), items[count(items) - 1]])
