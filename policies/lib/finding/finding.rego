# METADATA
# title: Findings
# description: |-
#   Builds findings from a policy's own METADATA: the id and severity come from the annotations of the
#   policy's package, so no other place repeats them; the remediation is the concrete fix the rule built.
package policies.lib.finding

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

# warning: a finding downgraded to a warning (a policy's default severity is an error).
warning(found) := object.union(found, {"severity": "warning"})

# object_name: "Kind namespace/name" (or "Kind name" when cluster-scoped) as messages name objects, by the
# model's kind: an IoTInfrastructure is named IoTConfig, as the sentence around it names its kind, so no
# message names one kind two ways (the finding's resource keeps the kind the object was written with).
object_name(entry) := concat("", [model_kind(entry), " ", entry.name]) if {
	entry.namespace == ""
} else := concat("", [model_kind(entry), " ", entry.namespace, "/", entry.name])

# model_kind of an inventory entry: its canonical kind (the object's own kind for entries built without one).
model_kind(entry) := object.get(entry, "kind", entry.object.kind)

# names: "A, B and C".
names(items) := items[0] if {
	count(items) == 1
} else := concat(" and ", [concat(", ", array.slice(items, 0, count(items) - 1)), items[count(items) - 1]])
