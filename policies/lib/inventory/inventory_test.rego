package policies.lib.inventory_test

import data.policies.lib.inventory
import data.policies.lib.testing

infrastructure_alias := testing.alias("iot.enmasse.io/v1", "IoTInfrastructure")

summary(entries) := [[e.index, e.kind, e.namespace, e.name] | some e in entries]

test_entries_of_model_objects_only if {
	inv := testing.inv([
		{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "ns1"}},
		testing.project("ns1", "iot1"),
		"not an object",
		null,
		{"kind": "IoTProject"},
		testing.tenant("ns1", "default"),
	])
	summary(inv.projects) == [[1, "IoTProject", "ns1", "iot1"]]
	summary(inv.tenants) == [[5, "MessagingTenant", "ns1", "default"]]
}

test_alias_kinds_are_canonical if {
	inv := testing.inv([
		object.union(testing.project("ns1", "iot1"), testing.alias("iot.enmasse.io/v1", "IoTTenant")),
		object.union(testing.tenant("ns1", "default"), {"kind": "MessagingProject"}),
		object.union(testing.iot_config("enmasse-infra", "default"), infrastructure_alias),
	])
	summary(inv.projects) == [[0, "IoTProject", "ns1", "iot1"]]
	summary(inv.tenants) == [[1, "MessagingTenant", "ns1", "default"]]
	summary(inv.iot_configs) == [[2, "IoTConfig", "enmasse-infra", "default"]]
}

test_missing_namespace_is_default if {
	inv := testing.inv([{"apiVersion": "iot.enmasse.io/v1alpha1", "kind": "IoTProject", "metadata": {"name": "iot1"}}])
	summary(inv.projects) == [[0, "IoTProject", "default", "iot1"]]
}

test_namespace_objects_are_cluster_scoped if {
	inv := testing.inv([testing.namespace("ns1", {"team": "a"})])
	summary(inv.namespaces) == [[0, "Namespace", "", "ns1"]]
	inv.namespace_labels == {"ns1": {"team": "a"}}
}

test_numeric_names_are_text if {
	inv := testing.inv([object.union(testing.project("ns1", "x"), {"metadata": {"name": 123}})])
	summary(inv.projects) == [[0, "IoTProject", "ns1", "123"]]
}

test_first_default_tenant_wins if {
	first := object.union(testing.tenant("ns1", "default"), {"spec": {"capabilities": ["first"]}})
	inv := testing.inv([testing.tenant("ns2", "default"), first, testing.tenant("ns1", "default")])
	inv.default_tenant.ns1.index == 1
	inv.default_tenant.ns2.index == 0
}

test_ignored_tenants_by_namespace if {
	inv := testing.inv([testing.tenant("ns1", "b"), testing.tenant("ns1", "default"), testing.tenant("ns1", "a")])
	[t.name | some t in inv.ignored_tenants.ns1] == ["b", "a"]
}

test_infra_namespace_parameter if {
	inventory.build([], {"infraNamespace": "infra"}).infra_namespace == "infra"
	inventory.build([], {}).infra_namespace == "enmasse-infra"
	inventory.build([], {"infraNamespace": ""}).infra_namespace == "enmasse-infra"
}
