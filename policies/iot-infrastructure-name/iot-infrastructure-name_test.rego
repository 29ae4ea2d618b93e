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

test_denied_other_name if {
	config := testing.iot_config("enmasse-infra", "iot")
	policy.findings(testing.inv([config])) == {{
		"policy": "iot-infrastructure-name",
		"severity": "error",
		"message": concat("", [
			"IoTConfig enmasse-infra/iot must be named default: ",
			"the controller reports The name of the resource must be 'default'",
		]),
		"resource": testing.ref(config),
		"remediation": "kubectl iot create infrastructure --messaging-infrastructure iot",
		"index": 0,
	}}
}

test_denied_other_name_keeps_its_binding_and_namespace if {
	config := object.union(testing.iot_config("infra2", "iot"), {"spec": {"messagingInfrastructureRef": "mi"}})
	[f.remediation | some f in policy.findings(testing.inv([config]))] == [
		"kubectl iot create infrastructure --messaging-infrastructure mi --infra-namespace infra2",
	]
}
