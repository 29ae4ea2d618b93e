# METADATA
# title: Gatekeeper adapter
# description: |-
#   Turns a Gatekeeper review into the inventory the policies read, and their findings into violations.
#   The object under review comes first (index 0) and replaces its synced copy in data.inventory (in
#   admission that copy is older or missing). Besides it, a review reads only what can decide a verdict
#   about it: the objects of its own namespace, that namespace's Namespace object (its labels), and the
#   IoTConfigs and MessagingInfrastructures of every namespace. So an audit of N projects stays
#   linear in N instead of building the whole cluster's inventory N times. No policy logic lives here.
#   The export renames this package, like the policies, from policies.* to lib.policies.* (Gatekeeper
#   accepts libraries only under data.lib).
package policies.adapters.gatekeeper

import data.policies.lib.inventory
import data.policies.lib.kinds

# reviewable: a review the policies decide (a deletion removes the object; nothing is left to check).
reviewable(review) if object.get(review, "operation", "") != "DELETE"

# unsynced_violation: what a policy that reads other objects reports about the object under review while
# Gatekeeper has synced nothing (no sync Config, or its first sync not done): it cannot decide, and fails closed.
unsynced_violation(policy_id, severity) := {
	"msg": concat("", [
		"Gatekeeper has synced no objects (data.inventory is empty), so ", policy_id,
		" cannot decide: apply its sync Config (config.yaml of the export) and wait for the sync",
	]),
	"details": {"policy": policy_id, "severity": severity},
}

# inventory_for: the inventory to evaluate a review with; synced is data.inventory, parameters the Constraint's.
inventory_for(synced, review, parameters) := inventory.build(resources(synced, reviewed), parameters) if {
	reviewable(review)
	reviewed := reviewed_object(review)
}

# reviewed holds for findings about the object under review.
reviewed(finding) if finding.index == 0

# violation: a Gatekeeper violation for a finding: its message, the rest as details.
violation(finding) := {"msg": finding.message, "details": {
	"policy": finding.policy,
	"severity": finding.severity,
	"resource": finding.resource,
	"remediation": finding.remediation,
}}

# reviewed_object: review.object, with the namespace of the request when the object does not name one.
reviewed_object(review) := object.union(review.object, {"metadata": {"namespace": review.namespace}}) if {
	is_object(review.object)
	object.get(review.object, ["metadata", "namespace"], "") == ""
	is_string(review.namespace)
	review.namespace != ""
} else := review.object if is_object(review.object)

resources(synced, reviewed) := array.concat([reviewed], [o |
	some o in candidates(synced, lookup_namespace(reviewed))
	not same(o, reviewed)
])

# lookup_namespace: where the inventory will place an object; without a namespace (gator reviews such files
# as they are) that is "default".
lookup_namespace(o) := namespace if {
	namespace := namespace_of(o)
	namespace != ""
} else := "default"

candidates(synced, namespace) := array.concat(
	array.concat(namespace_object(synced, namespace), in_namespace(synced, namespace)),
	shared(synced, namespace),
)

# namespace_object: the Namespace object of the namespace (its labels feed label selectors), looked up by name:
# the only cluster-scoped kind the pack reads, so a review never walks every Namespace of the cluster.
namespace_object(synced, namespace) := [o |
	o := object.get(synced, ["cluster", "v1", "Namespace", namespace], null)
	o != null
]

in_namespace(synced, namespace) := [o |
	some by_kind in object.get(synced, ["namespace", namespace], {})
	some by_name in by_kind
	some o in by_name
]

shared(synced, namespace) := [o |
	some other, by_version in object.get(synced, "namespace", {})
	other != namespace
	some api_version, by_kind in by_version
	some kind, by_name in by_kind
	kinds.canonical(api_version, kind) in kinds.cluster_level
	some o in by_name
]

namespace_of(o) := object.get(o, ["metadata", "namespace"], "")

same(a, b) if {
	[a.apiVersion, a.kind, namespace_of(a)] == [b.apiVersion, b.kind, namespace_of(b)]
	object.get(a, ["metadata", "name"], "") == object.get(b, ["metadata", "name"], "")
}
