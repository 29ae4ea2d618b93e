package policies["iot-infrastructure-device-registry_test"]

import data.policies["iot-infrastructure-device-registry"] as policy
import data.policies.lib.testing

findings(spec) := policy.findings(testing.inv([testing.iot_config_with(spec)]))

registry(registry) := {"services": {"deviceRegistry": registry}}

finding(problem) := {
	"policy": "iot-infrastructure-device-registry",
	"severity": "error",
	"message": concat("", ["IoTConfig enmasse-infra/default", problem]),
	"resource": testing.ref(testing.iot_config("enmasse-infra", "default")),
	"remediation": "kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/default --force",
	"index": 0,
}

none := concat("", [
	" configures no device registry: set spec.services.deviceRegistry.jdbc.server.external",
	" (an external JDBC server) or spec.services.deviceRegistry.infinispan",
])

test_allowed_jdbc_external_server if {
	findings(registry(testing.jdbc_registry)) == set()
}

test_allowed_jdbc_with_management_connection if {
	external := {"management": {"connection": {"url": "jdbc:postgresql://postgresql/registry"}}}
	findings(registry({"jdbc": {"server": {"external": external}}})) == set()
}

test_allowed_infinispan if {
	findings(registry({"infinispan": {"server": {"external": {"host": "infinispan", "port": 11222}}}})) == set()
}

test_denied_no_services if {
	findings({}) == {finding(none)}
}

test_denied_empty_registry if {
	findings(registry({})) == {finding(none)}
}

test_denied_unknown_registry_kind if {
	findings(registry({"file": {}})) == {finding(none)}
}

test_denied_both_kinds if {
	both := {"jdbc": testing.jdbc_registry.jdbc, "infinispan": {"server": {"external": {"host": "i"}}}}
	problem := " configures two device registries (jdbc and infinispan), but exactly one is allowed"
	findings(registry(both)) == {finding(problem)}
}

test_denied_jdbc_without_external_server if {
	findings(registry({"jdbc": {"server": {}}})) == {finding(concat("", [
		" configures a JDBC device registry without a server:",
		" spec.services.deviceRegistry.jdbc.server.external is missing",
	]))}
}

test_denied_registry_that_is_not_an_object if {
	findings(registry("jdbc")) == {finding(none)}
}

without_registry(config, spec) := object.union(object.remove(config, ["spec"]), {"spec": spec})

test_denied_kept_config_is_rewritten_where_it_binds if {
	config := without_registry(testing.iot_config("infra2", "iot"), {"messagingInfrastructureRef": "mi"})
	[f.remediation | some f in policy.findings(testing.inv([config]))] == [
		"kubectl iot create infrastructure --messaging-infrastructure infra2/mi --force",
	]
}

test_denied_config_beyond_the_singleton_is_deleted if {
	beyond := without_registry(testing.iot_config("infra2", "default"), {})
	resources := [testing.iot_config("enmasse-infra", "default"), beyond]
	[f.remediation | some f in policy.findings(testing.inv(resources))] == [
		"kubectl iot delete iotconfig default -n infra2",
	]
}
