package policies["project-name_test"]

import data.policies.lib.testing
import data.policies["project-name"] as policy

finding(project, index, message, remediation) := {
	"policy": "project-name",
	"severity": "error",
	"message": message,
	"resource": testing.ref(project),
	"remediation": remediation,
	"index": index,
}

# renamed: the rename of a project to `name`.
renamed(project, name) := concat("", [
	"kubectl iot rename iotproject ", project.metadata.name, " ", name,
	" -n ", project.metadata.namespace,
])

# fix: the remediation project-name gives a project alone.
fix(project) := f.remediation if {
	some f in findings([project])
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
	findings([project]) == {finding(
		project,
		0,
		concat("", [
			"IoTProject ns1/My_Project: metadata.name must be a DNS-1123 subdomain",
			" (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)",
		]),
		"kubectl iot rename iotproject My_Project my-project -n ns1",
	)}
}

test_denied_trailing_dash if {
	project := testing.project("ns1", "iot-")
	{f.index | some f in findings([testing.project("ns1", "ok"), project])} == {1}
}

test_denied_empty_name if {
	project := testing.project("ns1", "")
	findings([project]) == {finding(
		project,
		0,
		"IoTProject ns1/ has no metadata.name",
		"give the IoTProject a metadata.name in its file",
	)}
}

test_denied_name_longer_than_253 if {
	name := repeat(254)
	project := testing.project("ns1", name)
	findings([project]) == {finding(
		project,
		0,
		concat("", ["IoTProject ns1/", name, ": metadata.name has 254 characters, at most 253 are allowed"]),
		renamed(project, substring(name, 0, 252)),
	)}
}

test_denied_tenant_name_longer_than_256 if {
	namespace := repeat(60)
	name := repeat(200)
	project := testing.project(namespace, name)
	findings([project]) == {finding(
		project,
		0,
		concat("", [
			"IoTProject ", namespace, "/", name, ": its tenant name <namespace>.<name> has 261 characters, ",
			"at most 256 are allowed (the JDBC device registry stores it in VARCHAR(256))",
		]),
		renamed(project, substring(name, 0, 195)),
	)}
}

test_denied_tenant_name_pattern if {
	project := testing.project("ns 1", "iot1")
	findings([project]) == {finding(
		project,
		0,
		"IoTProject ns 1/iot1: its tenant name ns 1.iot1 must match ^[-a-zA-Z0-9_.]+$",
		concat("", [
			"the namespace ns 1 makes the tenant name invalid: create the project in a namespace whose name ",
			"matches ^[-a-zA-Z0-9_.]+$",
		]),
	)}
}

test_denied_new_name_is_lower_case_with_dashes_for_other_characters if {
	fix(testing.project("ns1", "My Project__2")) == "kubectl iot rename iotproject My Project__2 my-project-2 -n ns1"
	fix(testing.project("ns1", "-Sensor-")) == "kubectl iot rename iotproject -Sensor- sensor -n ns1"
}

test_denied_new_name_mends_every_dot_separated_part if {
	fix(testing.project("ns1", ".A..-b_.c.")) == "kubectl iot rename iotproject .A..-b_.c. a.b.c -n ns1"
}

test_denied_new_name_of_nothing_valid_is_project if {
	fix(testing.project("ns1", "___")) == "kubectl iot rename iotproject ___ project -n ns1"
}

test_denied_new_name_is_cut_and_trimmed_to_fit if {
	name := concat("", [repeat(250), "-x_yz"])
	fix(testing.project("ns1", name)) == renamed(testing.project("ns1", name), concat("", [repeat(250), "-x"]))
	cut := concat("", [repeat(251), "_a"])
	fix(testing.project("ns1", cut)) == renamed(testing.project("ns1", cut), repeat(251))
	fix(testing.project("n", cut)) == renamed(testing.project("n", cut), concat("", [repeat(251), "-a"]))
}

test_denied_new_names_avoid_other_projects_and_each_other if {
	resources := [
		testing.project("ns1", "iot1"),
		testing.project("ns1", "Iot1"),
		testing.project("ns1", "IOT1"),
		testing.project("ns1", "iot1-2"),
		testing.project("ns2", "IOT1"),
	]
	{f.remediation | some f in findings(resources)} == {
		"kubectl iot rename iotproject IOT1 iot1-3 -n ns1",
		"kubectl iot rename iotproject Iot1 iot1-4 -n ns1",
		"kubectl iot rename iotproject IOT1 iot1 -n ns2",
	}
}

test_denied_new_name_avoids_addresses_claimed_in_the_namespace if {
	resources := [testing.project("ns1", "IOT1"), testing.address("ns1", "a", "event/ns1.iot1")]
	{f.remediation | some f in findings(resources)} == {"kubectl iot rename iotproject IOT1 iot1-2 -n ns1"}
}

test_denied_new_name_with_a_suffix_is_cut_to_fit if {
	name := concat("", [repeat(253), "X"])
	taken := testing.project("n", repeat(253))
	{f.remediation | some f in findings([taken, testing.project("n", name)])} == {renamed(
		testing.project("n", name),
		concat("", [repeat(251), "-2"]),
	)}
}

# repeat: a lowercase name of n characters.
repeat(n) := concat("", [c | some i in numbers.range(1, n); c := substring("abcdefghij", i % 10, 1)])
