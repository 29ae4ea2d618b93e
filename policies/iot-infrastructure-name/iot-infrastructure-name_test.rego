package policies["iot-infrastructure-name_test"]

import data.policies["iot-infrastructure-name"] as policy
import data.policies.lib.testing

test_allowed_default if {
	policy.findings(testing.inv([testing.iot_config("enmasse-infra", "default")])) == set()
}

test_allowed_alias_named_default if {
	infrastructure := object.union(
		testing.iot_config("enmasse-infra", "default"),
		{"apiVersion": "iot.enmasse.io/v1", "kind": "IoTInfrastructure"},
	)
	policy.findings(testing.inv([infrastructure])) == set()
}

message(config) := concat("", [
	"IoTConfig ", config.metadata.namespace, "/", config.metadata.name, " must be named default: ",
	"the controller reports The name of the resource must be 'default'",
])

test_denied_other_name_is_renamed_when_none_is_named_default if {
	config := testing.iot_config("enmasse-infra", "iot")
	policy.findings(testing.inv([config])) == {{
		"policy": "iot-infrastructure-name",
		"severity": "error",
		"message": message(config),
		"resource": testing.ref(config),
		"remediation": "kubectl iot rename iotconfig iot default -n enmasse-infra",
		"index": 0,
	}}
}

test_denied_other_name_is_renamed_in_its_namespace if {
	config := object.union(testing.iot_config("infra2", "iot"), {"spec": {"messagingInfrastructureRef": "mi"}})
	[f.remediation | some f in policy.findings(testing.inv([config]))] == [
		"kubectl iot rename iotconfig iot default -n infra2",
	]
}

test_denied_other_name_beside_default_is_deleted if {
	resources := [testing.iot_config("enmasse-infra", "default"), testing.iot_config("enmasse-infra", "iot")]
	[f.remediation | some f in policy.findings(testing.inv(resources))] == [
		"kubectl iot delete iotconfig iot -n enmasse-infra",
	]
}

test_denied_only_the_first_of_other_names_is_renamed if {
	resources := [
		testing.aged(testing.iot_config("enmasse-infra", "new"), "2021-01-01T00:00:00Z"),
		testing.aged(testing.iot_config("enmasse-infra", "old"), "2020-01-01T00:00:00Z"),
		testing.aged(testing.iot_config("infra2", "oldest"), "2019-01-01T00:00:00Z"),
	]
	{f.remediation | some f in policy.findings(testing.inv(resources))} == {
		"kubectl iot rename iotconfig old default -n enmasse-infra",
		"kubectl iot delete iotconfig new -n enmasse-infra",
		"kubectl iot delete iotconfig oldest -n infra2",
	}
}
