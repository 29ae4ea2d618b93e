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

test_denied_missing_by_own_name if {
	policy.findings(testing.inv([testing.iot_config("enmasse-infra", "default")])) == {finding(
		"default",
		"enmasse-infra",
		"kubectl iot create infrastructure --messaging-infrastructure NAME",
	)}
}

test_denied_missing_by_reference_suggests_an_existing_one if {
	resources := [bound_to("mi"), testing.infrastructure("enmasse-infra", "default")]
	policy.findings(testing.inv(resources)) == {finding(
		"mi",
		"enmasse-infra",
		"kubectl iot create infrastructure --messaging-infrastructure default",
	)}
}

test_denied_infrastructure_in_another_namespace if {
	resources := [testing.iot_config("infra2", "default"), testing.infrastructure("enmasse-infra", "default")]
	policy.findings(testing.inv(resources)) == {finding(
		"default",
		"infra2",
		"kubectl iot create infrastructure --messaging-infrastructure NAME --infra-namespace infra2",
	)}
}
