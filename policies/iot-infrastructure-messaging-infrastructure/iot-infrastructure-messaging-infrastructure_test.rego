package policies["iot-infrastructure-messaging-infrastructure_test"]

import data.policies["iot-infrastructure-messaging-infrastructure"] as policy
import data.policies.lib.testing

bound_to(ref) := object.union(
	testing.iot_config("enmasse-infra", "default"),
	{"spec": {"messagingInfrastructureRef": ref}},
)

finding(wanted, namespace, remediation) := {
	"policy": "iot-infrastructure-messaging-infrastructure",
	"severity": "error",
	"message": concat("", [
		"IoTConfig ", namespace, "/default binds to MessagingInfrastructure ", wanted,
		", which does not exist: Unable to find MessagingInfrastructure named '", wanted,
		"' in namespace '", namespace, "'",
	]),
	"resource": testing.ref(testing.iot_config(namespace, "default")),
	"remediation": remediation,
	"index": 0,
}

test_allowed_by_own_name if {
	policy.findings(testing.inv(testing.infrastructure_set)) == set()
}

test_allowed_by_reference if {
	policy.findings(testing.inv([bound_to("mi"), testing.infrastructure("enmasse-infra", "mi")])) == set()
}

test_denied_missing_by_own_name_is_created if {
	policy.findings(testing.inv([testing.iot_config("enmasse-infra", "default")])) == {finding(
		"default",
		"enmasse-infra",
		"kubectl iot create messaging-infrastructure default -n enmasse-infra",
	)}
}

test_denied_missing_by_reference_is_created_not_replaced if {
	resources := [bound_to("mi"), testing.infrastructure("enmasse-infra", "default")]
	policy.findings(testing.inv(resources)) == {finding(
		"mi",
		"enmasse-infra",
		"kubectl iot create messaging-infrastructure mi -n enmasse-infra",
	)}
}

test_denied_infrastructure_in_another_namespace if {
	resources := [testing.iot_config("infra2", "default"), testing.infrastructure("enmasse-infra", "default")]
	policy.findings(testing.inv(resources)) == {finding(
		"default",
		"infra2",
		"kubectl iot create messaging-infrastructure default -n infra2",
	)}
}

test_denied_config_beyond_the_singleton_is_deleted if {
	resources := [testing.iot_config("infra2", "default"), testing.iot_config("enmasse-infra", "default")]
	{[f.resource.namespace, f.remediation] | some f in policy.findings(testing.inv(resources))} == {
		["infra2", "kubectl iot delete iotconfig default -n infra2"],
		["enmasse-infra", "kubectl iot create messaging-infrastructure default -n enmasse-infra"],
	}
}

test_denied_wrong_named_config_to_keep_gets_its_infrastructure if {
	config := testing.aged(testing.iot_config("enmasse-infra", "iot"), "2020-01-01T00:00:00Z")
	resources := [config, testing.iot_config("enmasse-infra", "legacy")]
	{f.remediation | some f in policy.findings(testing.inv(resources))} == {
		"kubectl iot create messaging-infrastructure iot -n enmasse-infra",
		"kubectl iot delete iotconfig legacy -n enmasse-infra",
	}
}
