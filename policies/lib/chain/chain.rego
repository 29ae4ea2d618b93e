# METADATA
# title: Chain resolution
# description: |-
#   Resolves, once per namespace that holds IoT projects, the chain project -> MessagingTenant "default" ->
#   MessagingInfrastructure -> IoTConfig (SPEC section 1). Missing links are null.
package policies.lib.chain

import data.policies.lib.group
import data.policies.lib.selector

# resolve_all: the chain of every namespace holding an IoT project, keyed by namespace. inv.iot holds the facts of
# the whole cluster (policies.lib.iot): which IoTConfig serves and which are rejected.
resolve_all(inv) := {ns: resolve(inv, selection, ns) | some ns in {p.namespace | some p in inv.projects}} if {
	selection := selection_of(inv.messaging_infrastructures)
}

# resolve: the links of a namespace's chain, and what decided them: selected is what the namespaceSelectors pick
# for the namespace ({unknown, infrastructure}), wanted the reference the tenant resolves to, labels_unknown
# whether that depends on labels the inventory does not have, rejected the rejected IoTConfigs bound to the
# messaging infrastructure.
resolve(inv, selection, namespace) := {
	"tenant": tenant,
	"ignored_tenants": object.get(inv.ignored_tenants, namespace, []),
	"selected": selected,
	"wanted": wanted,
	"labels_unknown": labels_unknown(tenant, wanted, selected),
	"messaging_infrastructure": infrastructure,
	"iot_infrastructure": iot_infrastructure(inv.iot, infrastructure),
	"rejected": rejected(inv.iot, infrastructure),
} if {
	tenant := object.get(inv.default_tenant, namespace, null)
	selected := selected_infrastructure(inv, selection, namespace)
	wanted := wanted_infrastructure(inv, selected, tenant)
	infrastructure := existing_infrastructure(inv, wanted)
}

# selection_of: the MessagingInfrastructures sorted out by how their namespaceSelector selects, once for all
# namespaces: "named" (namespace -> those listing it in matchNames), "global" (the best without criteria,
# or null), "labelled" (those with label criteria) and the best of those.
selection_of(infrastructures) := {
	"named": group.by_key([[name, i, m] |
		some i, m in infrastructures
		some name in selector.names(namespace_selector(m))
	]),
	"global": best([m | some m in infrastructures; not selector.has_criteria(namespace_selector(m))]),
	"labelled": labelled,
	"best_labelled": best(labelled),
} if {
	labelled := [m | some m in infrastructures; selector.has_label_criteria(namespace_selector(m))]
}

namespace_selector(infrastructure) := object.get(infrastructure.object, ["spec", "namespaceSelector"], null)

# wanted_infrastructure: {namespace, name, explicit} of the MessagingInfrastructure a tenant resolves to:
# its spec.messagingInfrastructureRef, else the one the namespaceSelectors select; null for none.
wanted_infrastructure(inv, selected, tenant) := ref if {
	tenant != null
	ref := explicit_ref(inv, tenant)
} else := {"namespace": chosen.namespace, "name": chosen.name, "explicit": false} if {
	tenant != null
	chosen := selected.infrastructure
	chosen != null
} else := null

labels_unknown(tenant, wanted, selected) if {
	tenant != null
	wanted == null
	selected.unknown
} else := false

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

# selected_infrastructure: {unknown, infrastructure}: the MessagingInfrastructure serving a namespace by
# selector: one naming it in matchNames, else one without selector, else one whose labels match; ties go to the
# oldest, then the name. Without the namespace's Namespace object only the kubernetes.io/metadata.name label is
# known: the pick is then known only when there is no label selector at all, or when the best of them all selects
# by that label alone and selects the namespace; otherwise it is unknown.
selected_infrastructure(inv, selection, namespace) := known(best(selection.named[namespace])) if {
	selection.named[namespace]
} else := known(selection.global) if {
	selection.global != null
} else := known(best(matching)) if {
	labels := namespace_labels(namespace, inv.namespace_labels[namespace])
	matching := [m | some m in selection.labelled; selector.labels_match(namespace_selector(m), labels)]
} else := known(null) if {
	count(selection.labelled) == 0
} else := known(selection.best_labelled) if {
	chosen := namespace_selector(selection.best_labelled)
	selector.only_name_label(chosen)
	selector.labels_match(chosen, namespace_labels(namespace, {}))
} else := {"unknown": true, "infrastructure": null}

known(infrastructure) := {"unknown": false, "infrastructure": infrastructure}

# best: the oldest MessagingInfrastructure (then by name, namespace, position), null for none.
best(infrastructures) := infrastructures[sort(keys)[0][4]] if {
	keys := [[age(m), m.name, m.namespace, m.index, i] | some i, m in infrastructures]
	count(keys) > 0
} else := null

# namespace_labels: the labels of a Namespace object, plus the name label the API server always sets.
namespace_labels(namespace, labels) := object.union(labels, {selector.name_label: namespace}) if {
	is_object(labels)
} else := {selector.name_label: namespace}

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

# iot_infrastructure: the IoTConfig that serves a MessagingInfrastructure: the serving IoTConfig of the cluster
# when it is bound to it, else null (IoTConfigs the controller rejects serve nothing).
iot_infrastructure(facts, infrastructure) := facts.serving if {
	infrastructure != null
	facts.served == [infrastructure.namespace, infrastructure.name]
} else := null

# rejected: the IoTConfigs bound to a MessagingInfrastructure that the controller rejects.
rejected(facts, infrastructure) := facts.rejected_for[[infrastructure.namespace, infrastructure.name]] if {
	infrastructure != null
	facts.rejected_for[[infrastructure.namespace, infrastructure.name]]
} else := []
