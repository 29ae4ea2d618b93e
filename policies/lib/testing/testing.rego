# METADATA
# title: Test fixtures
# description: |-
#   Builders for the objects the policies' tests feed in, and the inventory they build. Only tests use this
#   package (the WebAssembly build leaves it out).
package policies.lib.testing

import data.policies.lib.inventory

# inv: the inventory of these resources with the default parameters.
inv(resources) := inventory.build(resources, {})

project(namespace, name) := {
	"apiVersion": "iot.enmasse.io/v1alpha1",
	"kind": "IoTProject",
	"metadata": {"name": name, "namespace": namespace},
}

tenant(namespace, name) := {
	"apiVersion": "enmasse.io/v1",
	"kind": "MessagingTenant",
	"metadata": {"name": name, "namespace": namespace},
}

# tenant_bound_to: a MessagingTenant default with spec.messagingInfrastructureRef.
tenant_bound_to(namespace, ref) := object.union(
	tenant(namespace, "default"),
	{"spec": {"messagingInfrastructureRef": ref}},
)

# alias: the apiVersion and kind of a later name, to merge into an object.
alias(api_version, kind) := {"apiVersion": api_version, "kind": kind}

infrastructure(namespace, name) := {
	"apiVersion": "enmasse.io/v1",
	"kind": "MessagingInfrastructure",
	"metadata": {"name": name, "namespace": namespace},
	"spec": {},
}

# infrastructure_selecting: a MessagingInfrastructure in enmasse-infra with a namespaceSelector and an age.
infrastructure_selecting(name, selector, created) := {
	"apiVersion": "enmasse.io/v1",
	"kind": "MessagingInfrastructure",
	"metadata": {"name": name, "namespace": "enmasse-infra", "creationTimestamp": created},
	"spec": {"namespaceSelector": selector},
}

jdbc_registry := {"jdbc": {"server": {"external": {"connection": {
	"url": "jdbc:postgresql://postgresql/device-registry",
	"username": "registry",
}}}}}

iot_config(namespace, name) := {
	"apiVersion": "iot.enmasse.io/v1alpha1",
	"kind": "IoTConfig",
	"metadata": {"name": name, "namespace": namespace},
	"spec": {"services": {"deviceRegistry": jdbc_registry}},
}

# iot_config_bound: an IoTConfig with spec.messagingInfrastructureRef.
iot_config_bound(namespace, name, ref) := object.union(
	iot_config(namespace, name),
	{"spec": {"messagingInfrastructureRef": ref}},
)

# iot_config_with: the IoTConfig default in enmasse-infra with this spec.
iot_config_with(spec) := object.union(object.remove(iot_config("enmasse-infra", "default"), ["spec"]), {"spec": spec})

# aged: a resource with a creationTimestamp.
aged(resource, created) := object.union(resource, {"metadata": {"creationTimestamp": created}})

namespace(name, labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels}}

address(namespace, name, address) := {
	"apiVersion": "enmasse.io/v1",
	"kind": "MessagingAddress",
	"metadata": {"name": name, "namespace": namespace},
	"spec": {"address": address, "anycast": {}},
}

# infrastructure_set: a MessagingInfrastructure and its IoTConfig, both default in enmasse-infra.
infrastructure_set := [infrastructure("enmasse-infra", "default"), iot_config("enmasse-infra", "default")]

# ref: how findings name an object.
ref(resource) := {
	"apiVersion": resource.apiVersion,
	"kind": resource.kind,
	"namespace": resource.metadata.namespace,
	"name": resource.metadata.name,
}
