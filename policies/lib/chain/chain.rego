# METADATA
# title: Chain resolution
# description: |-
#   Resolves, once per namespace that holds IoT projects, the chain project -> MessagingTenant "default" ->
#   MessagingInfrastructure -> IoTConfig (SPEC section 1). Missing links are null.
package policies.lib.chain

import data.policies.lib.group
import data.policies.lib.selector

# resolve_all: the chain of every namespace holding an IoT project, keyed by namespace.
resolve_all(inv) := {ns: resolve(inv, selection, ns) | some ns in {p.namespace | some p in inv.projects}} if {
	selection := selection_of(inv.messaging_infrastructures)
}

resolve(inv, selection, namespace) := {
	"tenant": tenant,
	"ignored_tenants": object.get(inv.ignored_tenants, namespace, []),
	"wanted": wanted,
	"messaging_infrastructure": infrastructure,
	"iot_infrastructure": iot_infrastructure(inv, infrastructure),
} if {
	tenant := object.get(inv.default_tenant, namespace, null)
	wanted := wanted_infrastructure(inv, selection, tenant)
	infrastructure := existing_infrastructure(inv, wanted)
}

# selection_of: the MessagingInfrastructures sorted out by how their namespaceSelector selects, once for all
# namespaces: "named" (namespace -> those listing it in matchNames), "global" (the best without criteria,
# or null) and "labelled" (those with label criteria).
selection_of(infrastructures) := {
	"named": group.by_key([[name, i, m] |
		some i, m in infrastructures
		some name in selector.names(namespace_selector(m))
	]),
	"global": best([m | some m in infrastructures; not selector.has_criteria(namespace_selector(m))]),
	"labelled": [m | some m in infrastructures; selector.has_label_criteria(namespace_selector(m))],
}

namespace_selector(infrastructure) := object.get(infrastructure.object, ["spec", "namespaceSelector"], null)

# wanted_infrastructure: {namespace, name, explicit} of the MessagingInfrastructure a tenant resolves to:
# its spec.messagingInfrastructureRef, else the best one whose namespaceSelector selects its namespace.
wanted_infrastructure(inv, selection, tenant) := ref if {
	tenant != null
	ref := explicit_ref(inv, tenant)
} else := ref if {
	tenant != null
	chosen := selected_infrastructure(inv, selection, tenant.namespace)
	ref := {"namespace": chosen.namespace, "name": chosen.name, "explicit": false}
} else := null

explicit_ref(inv, tenant) := {"namespace": namespace, "name": name, "explicit": true} if {
	name := object.get(tenant.object, ["spec", "messagingInfrastructureRef", "name"], "")
	is_string(name)
	name != ""
	wanted_namespace := object.get(tenant.object, ["spec", "messagingInfrastructureRef", "namespace"], "")
	namespace := non_empty(wanted_namespace, inv.infra_namespace)
}

non_empty(value, fallback) := value if {
	is_string(value)
	value != ""
} else := fallback

# selected_infrastructure: the MessagingInfrastructure serving a namespace by selector: one naming it in
# matchNames, else one without selector, else one whose labels match; ties go to the oldest, then the name.
selected_infrastructure(inv, selection, namespace) := best(selection.named[namespace]) if {
	selection.named[namespace]
} else := selection.global if {
	selection.global != null
} else := best(matching) if {
	labels := namespace_labels(inv, namespace)
	matching := [m | some m in selection.labelled; selector.labels_match(namespace_selector(m), labels)]
	count(matching) > 0
}

# best: the oldest MessagingInfrastructure (then by name, namespace, position), null for none.
best(infrastructures) := infrastructures[sort(keys)[0][4]] if {
	keys := [[age(m), m.name, m.namespace, m.index, i] | some i, m in infrastructures]
	count(keys) > 0
} else := null

# namespace_labels of a Namespace object in the inventory, plus the name label the API server always sets.
namespace_labels(inv, namespace) := object.union(labels, {"kubernetes.io/metadata.name": namespace}) if {
	labels := inv.namespace_labels[namespace]
	is_object(labels)
} else := {"kubernetes.io/metadata.name": namespace}

# age sorts by creationTimestamp (RFC 3339 in UTC as the API server writes it, so text order is time order);
# objects without one sort after those with one.
age(entry) := [0, timestamp] if {
	timestamp := entry.object.metadata.creationTimestamp
	is_string(timestamp)
	timestamp != ""
} else := [1, ""]

existing_infrastructure(inv, wanted) := infrastructure if {
	infrastructure := inv.messaging_infrastructure_at[[wanted.namespace, wanted.name]]
} else := null

# iot_infrastructure: the IoTConfig in a MessagingInfrastructure's namespace bound to it, or null.
iot_infrastructure(inv, infrastructure) := config if {
	config := inv.iot_config_for[[infrastructure.namespace, infrastructure.name]]
} else := null
