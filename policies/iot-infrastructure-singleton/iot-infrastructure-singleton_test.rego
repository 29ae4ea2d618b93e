package policies["iot-infrastructure-singleton_test"]

import data.policies["iot-infrastructure-singleton"] as policy
import data.policies.lib.testing

aged(config, created) := object.union(config, {"metadata": {"creationTimestamp": created}})

finding(config, index, total, kept) := {
	"policy": "iot-infrastructure-singleton",
	"severity": "error",
	"message": concat("", [
		"IoTConfig ", config.metadata.namespace, "/", config.metadata.name, " is one of ", total,
		" IoTConfigs, but a cluster has at most one (keep ", kept, ")",
	]),
	"resource": testing.ref(config),
	"remediation": concat("", ["kubectl delete iotconfig ", config.metadata.name, " -n ", config.metadata.namespace]),
	"index": index,
}

test_allowed_one if {
	policy.findings(testing.inv([testing.iot_config("enmasse-infra", "default")])) == set()
}

test_allowed_the_same_one_twice if {
	config := testing.iot_config("enmasse-infra", "default")
	policy.findings(testing.inv([config, config])) == set()
}

test_denied_two_keeps_default_in_the_infrastructure_namespace if {
	other := aged(testing.iot_config("infra2", "default"), "2019-01-01T00:00:00Z")
	policy.findings(testing.inv([other, testing.iot_config("enmasse-infra", "default")])) == {finding(
		other,
		0,
		"2",
		"IoTConfig enmasse-infra/default",
	)}
}

test_denied_three_keeps_the_oldest if {
	a := aged(testing.iot_config("infra2", "a"), "2021-01-01T00:00:00Z")
	b := aged(testing.iot_config("infra3", "b"), "2020-01-01T00:00:00Z")
	c := testing.iot_config("infra4", "c")
	policy.findings(testing.inv([a, b, c])) == {
		finding(a, 0, "3", "IoTConfig infra3/b"),
		finding(c, 2, "3", "IoTConfig infra3/b"),
	}
}
