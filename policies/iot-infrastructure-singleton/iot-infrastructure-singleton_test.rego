package policies["iot-infrastructure-singleton_test"]

import data.policies["iot-infrastructure-singleton"] as policy
import data.policies.lib.testing

finding(config, index, total, kept) := {
	"policy": "iot-infrastructure-singleton",
	"severity": "error",
	"message": concat("", [
		"IoTConfig ", config.metadata.namespace, "/", config.metadata.name, " is one of ", total,
		" IoTConfigs, but a cluster has at most one (keep ", kept, ")",
	]),
	"resource": testing.ref(config),
	"remediation": concat("", ["kubectl iot delete iotconfig ", config.metadata.name, " -n ", config.metadata.namespace]),
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
	other := testing.aged(testing.iot_config("infra2", "default"), "2019-01-01T00:00:00Z")
	policy.findings(testing.inv([other, testing.iot_config("enmasse-infra", "default")])) == {finding(
		other,
		0,
		"2",
		"IoTConfig enmasse-infra/default",
	)}
}

test_denied_three_keeps_the_oldest if {
	a := testing.aged(testing.iot_config("infra2", "a"), "2021-01-01T00:00:00Z")
	b := testing.aged(testing.iot_config("infra3", "b"), "2020-01-01T00:00:00Z")
	c := testing.iot_config("infra4", "c")
	policy.findings(testing.inv([a, b, c])) == {
		finding(a, 0, "3", "IoTConfig infra3/b"),
		finding(c, 2, "3", "IoTConfig infra3/b"),
	}
}

test_denied_default_outside_the_infrastructure_namespace_beats_other_names if {
	wrong := testing.aged(testing.iot_config("enmasse-infra", "iot"), "2019-01-01T00:00:00Z")
	serving := testing.iot_config("infra2", "default")
	policy.findings(testing.inv([wrong, serving])) == {finding(wrong, 0, "2", "IoTConfig infra2/default")}
}

test_denied_the_oldest_default_outside_the_infrastructure_namespace if {
	a := testing.aged(testing.iot_config("infra3", "default"), "2021-01-01T00:00:00Z")
	b := testing.aged(testing.iot_config("infra2", "default"), "2020-01-01T00:00:00Z")
	policy.findings(testing.inv([a, b])) == {finding(a, 0, "2", "IoTConfig infra2/default")}
}

test_denied_same_age_goes_to_the_namespace_then_the_name if {
	a := testing.iot_config("infra3", "default")
	b := testing.iot_config("infra2", "default")
	policy.findings(testing.inv([a, b])) == {finding(a, 0, "2", "IoTConfig infra2/default")}
}
