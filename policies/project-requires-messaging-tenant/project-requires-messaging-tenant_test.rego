package policies["project-requires-messaging-tenant_test"]

import data.policies.lib.testing
import data.policies["project-requires-messaging-tenant"] as policy

iot1 := testing.project("ns1", "iot1")

finding(index, message) := {
	"policy": "project-requires-messaging-tenant",
	"severity": "error",
	"message": message,
	"resource": testing.ref(iot1),
	"remediation": "kubectl iot create tenant -n ns1",
	"index": index,
}

test_allowed_tenant_named_default if {
	policy.findings(testing.inv([iot1, testing.tenant("ns1", "default")])) == set()
}

test_allowed_messaging_project_alias if {
	messaging_project := object.union(testing.tenant("ns1", "default"), {"kind": "MessagingProject"})
	policy.findings(testing.inv([messaging_project, iot1])) == set()
}

test_allowed_no_projects if {
	policy.findings(testing.inv([testing.tenant("ns1", "other")])) == set()
}

test_allowed_condition_is_true if {
	inv := testing.inv([iot1, testing.tenant("ns1", "default")])
	policy.evaluate(inv, inv.projects[0]) == {"condition": {
		"type": "HasMessagingTenant",
		"status": "True",
		"reason": "MessagingTenantFound",
		"message": "Found MessagingTenant default in namespace ns1",
	}}
}

test_denied_no_tenant if {
	policy.findings(testing.inv([iot1])) == {finding(0, "There is no MessagingTenant named default in namespace ns1")}
}

test_denied_tenant_in_another_namespace if {
	policy.findings(testing.inv([testing.tenant("ns2", "default"), iot1])) == {finding(
		1,
		"There is no MessagingTenant named default in namespace ns1",
	)}
}

test_denied_tenant_not_named_default if {
	resources := [iot1, testing.tenant("ns1", "other"), testing.tenant("ns1", "second")]
	policy.findings(testing.inv(resources)) == {finding(0, concat("", [
		"There is no MessagingTenant named default in namespace ns1; the controller ignores ",
		"MessagingTenant ns1/other and MessagingTenant ns1/second (only the tenant named default counts)",
	]))}
}

test_denied_condition_is_false_and_recovers_automatically if {
	inv := testing.inv([iot1])
	policy.evaluate(inv, inv.projects[0]) == {
		"condition": {
			"type": "HasMessagingTenant",
			"status": "False",
			"reason": "MessagingTenantNotFound",
			"message": "There is no MessagingTenant named default in namespace ns1",
		},
		"recovery": "automatic",
		"remediation": "kubectl iot create tenant -n ns1",
		"phaseReason": concat("", [
			"There is no MessagingTenant named default in namespace ns1. The project becomes ready by itself ",
			"once the tenant exists. Fix: kubectl iot create tenant -n ns1",
		]),
	}
}

test_denied_each_project_of_the_namespace if {
	iot2 := testing.project("ns1", "iot2")
	{f.resource.name | some f in policy.findings(testing.inv([iot1, iot2]))} == {"iot1", "iot2"}
}
