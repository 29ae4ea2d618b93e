package policies["project-name_test"]

import data.policies.lib.testing
import data.policies["project-name"] as policy

finding(project, index, message) := {
	"policy": "project-name",
	"severity": "error",
	"message": message,
	"resource": testing.ref(project),
	"remediation": concat("", ["kubectl iot create project NEW_NAME -n ", project.metadata.namespace]),
	"index": index,
}

findings(projects) := policy.findings(testing.inv(projects))

test_allowed_dns_subdomain if {
	findings([testing.project("ns1", "iot1"), testing.project("ns1", "iot.sensors-2")]) == set()
}

test_allowed_tenant_name_of_256_characters if {
	name := repeat(252)
	count(concat(".", ["ns1", name])) == 256
	findings([testing.project("ns1", name)]) == set()
}

test_denied_uppercase_and_underscore if {
	project := testing.project("ns1", "My_Project")
	findings([project]) == {finding(project, 0, concat("", [
		"IoTProject ns1/My_Project: metadata.name must be a DNS-1123 subdomain",
		" (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)",
	]))}
}

test_denied_trailing_dash if {
	project := testing.project("ns1", "iot-")
	{f.index | some f in findings([testing.project("ns1", "ok"), project])} == {1}
}

test_denied_empty_name if {
	project := testing.project("ns1", "")
	findings([project]) == {finding(project, 0, "IoTProject ns1/ has no metadata.name")}
}

test_denied_name_longer_than_253 if {
	name := repeat(254)
	project := testing.project("ns1", name)
	findings([project]) == {finding(project, 0, concat("", [
		"IoTProject ns1/", name, ": metadata.name has 254 characters, at most 253 are allowed",
	]))}
}

test_denied_tenant_name_longer_than_256 if {
	namespace := repeat(60)
	name := repeat(200)
	project := testing.project(namespace, name)
	findings([project]) == {finding(project, 0, concat("", [
		"IoTProject ", namespace, "/", name, ": its tenant name <namespace>.<name> has 261 characters, ",
		"at most 256 are allowed (the JDBC device registry stores it in VARCHAR(256))",
	]))}
}

test_denied_tenant_name_pattern if {
	project := testing.project("ns 1", "iot1")
	findings([project]) == {finding(
		project,
		0,
		"IoTProject ns 1/iot1: its tenant name ns 1.iot1 must match ^[-a-zA-Z0-9_.]+$",
	)}
}

# repeat: a lowercase name of n characters.
repeat(n) := concat("", [c | some i in numbers.range(1, n); c := substring("abcdefghij", i % 10, 1)])
