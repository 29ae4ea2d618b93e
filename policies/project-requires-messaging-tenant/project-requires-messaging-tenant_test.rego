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

# served: the project and a complete infrastructure (MessagingInfrastructure default, no selector, served).
served(resources) := array.concat(array.concat([iot1], resources), testing.infrastructure_set)

# fix: the remediation for iot1 among these resources.
fix(resources) := f.remediation if {
	some f in policy.findings(testing.inv(array.concat([iot1], resources)))
}

no_tenant := "There is no MessagingTenant named default in namespace ns1"

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
	policy.evaluate(inv, "ns1") == {"condition": {
		"type": "HasMessagingTenant",
		"status": "True",
		"reason": "MessagingTenantFound",
		"message": "Found MessagingTenant default in namespace ns1",
	}}
}

test_denied_no_tenant if {
	policy.findings(testing.inv(served([]))) == {finding(0, no_tenant)}
}

test_denied_tenant_in_another_namespace if {
	policy.findings(testing.inv(served([testing.tenant("ns2", "default")]))) == {finding(0, no_tenant)}
}

test_denied_tenant_not_named_default if {
	resources := served([testing.tenant("ns1", "second"), testing.tenant("ns1", "other")])
	policy.findings(testing.inv(resources)) == {finding(0, concat("", [
		"There is no MessagingTenant named default in namespace ns1; the controller ignores ",
		"MessagingTenant ns1/other and MessagingTenant ns1/second (only the tenant named default counts)",
	]))}
}

test_denied_condition_is_false_and_recovers_automatically if {
	inv := testing.inv(served([]))
	policy.evaluate(inv, "ns1") == {
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

test_denied_without_any_messaging_infrastructure_the_tenant_is_bound_to_the_one_to_create if {
	fix([]) == "kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/default"
}

test_denied_tenant_is_bound_when_the_selectors_pick_another_infrastructure if {
	config := testing.iot_config_bound("infra2", "default", "mi")
	resources := [testing.infrastructure("enmasse-infra", "default"), testing.infrastructure("infra2", "mi"), config]
	fix(resources) == "kubectl iot create tenant -n ns1 --messaging-infrastructure infra2/mi"
}

test_denied_tenant_is_bound_when_the_namespace_labels_are_unknown if {
	gold := testing.infrastructure_selecting("gold", {"matchLabels": {"tier": "gold"}}, "")
	config := testing.iot_config_bound("enmasse-infra", "default", "gold")
	fix([gold, config]) == "kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/gold"
	fix([gold, config, testing.namespace("ns1", {"tier": "gold"})]) == "kubectl iot create tenant -n ns1"
}

test_denied_tenant_is_bound_when_the_target_is_missing if {
	fix([testing.iot_config("enmasse-infra", "default")]) == concat("", [
		"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/default",
	])
}
