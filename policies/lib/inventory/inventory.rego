# METADATA
# title: Inventory
# description: |-
#   Turns the resources a caller passes in (files, a cluster, conftest's combined input, Gatekeeper's
#   data.inventory) into the model the policies read: canonical kinds, namespaces filled in, each object's
#   position in the input, and lookup tables keyed by namespace, built once so every policy stays linear.
#   This package and its callers' entrypoints are the only places that know where the resources come from.
package policies.lib.inventory

import data.policies.lib.chain
import data.policies.lib.group
import data.policies.lib.iot
import data.policies.lib.kinds
import data.policies.lib.project

# build the inventory from every parsed document (in input order; non-model documents are skipped) and the
# parameters ({"infraNamespace": ...}).
build(resources, parameters) := object.union(derived, {"chains": chain.resolve_all(derived)}) if {
	entries := [e | some index, resource in resources; e := entry(index, resource)]
	tables := tables_of(entries, infra_namespace(parameters))
	invalid := project.invalid(tables.projects)
	derived := object.union(tables, {
		"iot": iot.facts(tables),
		"invalid_projects": invalid,
		"project_renames": project.renames(tables, invalid),
	})
}

infra_namespace(parameters) := parameters.infraNamespace if {
	is_string(parameters.infraNamespace)
	parameters.infraNamespace != ""
} else := kinds.default_infra_namespace

# entry: a model object with its canonical kind, namespace, name and position in the input.
entry(index, resource) := {
	"index": index,
	"kind": kind,
	"namespace": namespace,
	"name": name,
	"object": resource,
} if {
	is_object(resource)
	is_string(resource.apiVersion)
	is_string(resource.kind)
	kind := kinds.canonical(resource.apiVersion, resource.kind)
	name := text(object.get(resource, ["metadata", "name"], ""))
	namespace := namespace_of(kind, resource)
}

# namespace_of an object: "" for a Namespace (cluster-scoped), "default" when a namespaced object has none.
namespace_of(kind, resource) := "" if {
	kind == "Namespace"
} else := text(namespace) if {
	namespace := object.get(resource, ["metadata", "namespace"], "")
	not namespace in {"", null}
} else := "default"

# text of a name: YAML may parse `name: 123` as a number.
text(value) := value if is_string(value)

text(value) := json.marshal(value) if not is_string(value)

of_kind(entries, kind) := [e | some e in entries; e.kind == kind]

tables_of(entries, infra_ns) := {
	"infra_namespace": infra_ns,
	"projects": projects,
	"iot_configs": iot_configs,
	"messaging_infrastructures": infrastructures,
	"tenants": tenants,
	"addresses": of_kind(entries, "MessagingAddress"),
	"namespaces": namespaces,
	# namespace -> its MessagingTenant named default (the first one, should there be several)
	"default_tenant": group.first([[t.namespace, t.index, t] | some t in tenants; t.name == kinds.default_name]),
	# namespace -> the MessagingTenants with other names, which the controller ignores
	"ignored_tenants": group.by_key([[t.namespace, t.index, t] | some t in tenants; t.name != kinds.default_name]),
	# namespace name -> labels of its Namespace object
	"namespace_labels": group.first([[n.name, n.index, object.get(n.object, ["metadata", "labels"], {})] |
		some n in namespaces
	]),
	# [namespace, name] -> MessagingInfrastructure
	"messaging_infrastructure_at": group.first([[[m.namespace, m.name], m.index, m] | some m in infrastructures]),
	# Hono tenant name <namespace>.<name> -> IoTProjects
	"projects_by_tenant": group.by_key([[concat(".", [p.namespace, p.name]), p.index, p] | some p in projects]),
} if {
	projects := of_kind(entries, "IoTProject")
	tenants := of_kind(entries, "MessagingTenant")
	namespaces := of_kind(entries, "Namespace")
	infrastructures := of_kind(entries, "MessagingInfrastructure")
	iot_configs := of_kind(entries, "IoTConfig")
}
