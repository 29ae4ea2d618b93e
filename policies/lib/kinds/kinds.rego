# METADATA
# title: Kinds of the IoT model
# description: |-
#   Maps an object's apiVersion and kind to the canonical kind of the IoT model, accepting the later names
#   (MessagingProject, IoTInfrastructure, IoTTenant) as aliases, and names objects the way findings do.
package policies.lib.kinds

# group_prefixes and aliases: model.rego, generated from plugin/model/kinds.ts.

# canonical is the model kind of an object, undefined for objects outside the model.
canonical(api_version, kind) := aliases[kind][api_version]

canonical(api_version, kind) := kind if startswith(api_version, group_prefixes[kind])

canonical("v1", "Namespace") := "Namespace"

# ref names an object as findings do: its own apiVersion and kind, its namespace unless cluster-scoped.
ref(entry) := {"apiVersion": entry.object.apiVersion, "kind": entry.object.kind, "name": entry.name} if {
	entry.namespace == ""
} else := {
	"apiVersion": entry.object.apiVersion,
	"kind": entry.object.kind,
	"namespace": entry.namespace,
	"name": entry.name,
}
