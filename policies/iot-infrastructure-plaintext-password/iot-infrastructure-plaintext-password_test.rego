package policies["iot-infrastructure-plaintext-password_test"]

import data.policies["iot-infrastructure-plaintext-password"] as policy
import data.policies.lib.testing

findings(spec) := policy.findings(testing.inv([testing.iot_config_with(spec)]))

jdbc_password(password) := {"services": {"deviceRegistry": {"jdbc": {"server": {"external": {"connection": {
	"password": password,
}}}}}}}

finding(field) := {
	"policy": "iot-infrastructure-plaintext-password",
	"severity": "warning",
	"message": concat("", ["IoTConfig enmasse-infra/default has a plain-text password in ", field]),
	"resource": testing.ref(testing.iot_config("enmasse-infra", "default")),
	"remediation": concat("", [
		"keep ", field, " out of Git: leave it empty in the repository and set it at deploy time ",
		"(for example a kustomize replacement from a Secret created in the cluster)",
	]),
	"index": 0,
}

test_allowed_no_password if {
	findings({"services": {"deviceRegistry": testing.jdbc_registry}}) == set()
}

test_allowed_empty_password if {
	findings(jdbc_password("")) == set()
}

test_denied_jdbc_password if {
	findings(jdbc_password("user12")) == {
		finding("spec.services.deviceRegistry.jdbc.server.external.connection.password"),
	}
}

test_denied_every_password if {
	spec := {"services": {
		"deviceConnection": {"infinispan": {"server": {"external": {"password": "test12"}}}},
		"deviceRegistry": {"jdbc": {"server": {"external": {"management": {"connection": {"password": "user12"}}}}}},
	}}
	findings(spec) == {
		finding("spec.services.deviceConnection.infinispan.server.external.password"),
		finding("spec.services.deviceRegistry.jdbc.server.external.management.connection.password"),
	}
}

test_denied_password_inside_a_list if {
	findings({"extra": [{"password": "x"}]}) == {finding("spec.extra.0.password")}
}
