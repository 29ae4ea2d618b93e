package policies["project-requires-iot-infrastructure_test"]

import data.policies.lib.testing
import data.policies["project-requires-iot-infrastructure"] as policy

iot1 := testing.project("ns1", "iot1")

tenant := testing.tenant("ns1", "default")

finding(message, remediation) := {
	"policy": "project-requires-iot-infrastructure",
	"severity": "error",
	"message": message,
	"resource": testing.ref(iot1),
	"remediation": remediation,
	"index": 0,
}

condition(status, reason, message) := {
	"type": "HasMessagingInfrastructure",
	"status": status,
	"reason": reason,
	"message": message,
}

evaluate(resources) := policy.evaluate(inv, inv.projects[0]) if inv := testing.inv(resources)

no_iot_message := concat("", [
	"MessagingInfrastructure enmasse-infra/default, which serves namespace ns1, has no IoT infrastructure: ",
	"no IoTConfig in namespace enmasse-infra is bound to it",
])

test_allowed_complete_chain if {
	policy.findings(testing.inv(array.concat([iot1, tenant], testing.infrastructure_set))) == set()
}

test_allowed_condition_is_true if {
	evaluate(array.concat([iot1, tenant], testing.infrastructure_set)) == {"condition": condition(
		"True",
		"IoTInfrastructureFound",
		"IoTConfig enmasse-infra/default serves namespace ns1 through MessagingInfrastructure enmasse-infra/default",
	)}
}

test_allowed_condition_is_unknown_without_tenant if {
	resources := array.concat([iot1], testing.infrastructure_set)
	policy.findings(testing.inv(resources)) == set()
	evaluate(resources) == {"condition": condition(
		"Unknown",
		"MessagingTenantNotFound",
		"There is no MessagingTenant named default in namespace ns1 to lead to a messaging infrastructure",
	)}
}

test_allowed_explicit_ref_to_another_namespace if {
	resources := [
		iot1,
		testing.tenant_bound_to("ns1", {"name": "mi", "namespace": "infra2"}),
		testing.infrastructure("infra2", "mi"),
		testing.iot_config("infra2", "mi"),
	]
	policy.findings(testing.inv(resources)) == set()
}

test_allowed_iot_config_bound_by_reference if {
	config := object.union(testing.iot_config("enmasse-infra", "default"), {"spec": {"messagingInfrastructureRef": "mi"}})
	resources := [iot1, tenant, testing.infrastructure("enmasse-infra", "mi"), config]
	policy.findings(testing.inv(resources)) == set()
}

test_denied_no_iot_infrastructure if {
	policy.findings(testing.inv([iot1, tenant, testing.infrastructure("enmasse-infra", "default")])) == {finding(
		no_iot_message,
		"kubectl iot create infrastructure --messaging-infrastructure default",
	)}
}

test_denied_condition_is_false_and_needs_manual_recovery if {
	evaluate([iot1, tenant, testing.infrastructure("enmasse-infra", "default")]) == {
		"condition": condition("False", "NoIoTInfrastructure", no_iot_message),
		"recovery": "manual",
		"remediation": "kubectl iot create infrastructure --messaging-infrastructure default",
		"phaseReason": concat("", [
			no_iot_message,
			". The controller does not retry: after the fix, re-create IoTProject ns1/iot1. ",
			"Fix: kubectl iot create infrastructure --messaging-infrastructure default",
		]),
	}
}

test_denied_iot_config_bound_to_another_infrastructure if {
	config := object.union(testing.iot_config("enmasse-infra", "default"), {"spec": {"messagingInfrastructureRef": "mi"}})
	resources := [iot1, tenant, testing.infrastructure("enmasse-infra", "default"), config]
	policy.findings(testing.inv(resources)) == {finding(
		no_iot_message,
		"kubectl iot create infrastructure --messaging-infrastructure default",
	)}
}

test_denied_iot_config_serves_another_existing_infrastructure if {
	config := object.union(testing.iot_config("enmasse-infra", "default"), {"spec": {"messagingInfrastructureRef": "mi"}})
	resources := [
		iot1, tenant, config,
		testing.infrastructure("enmasse-infra", "default"), testing.infrastructure("enmasse-infra", "mi"),
	]
	policy.findings(testing.inv(resources)) == {finding(
		concat("", [
			no_iot_message,
			"; IoTConfig enmasse-infra/default serves MessagingInfrastructure enmasse-infra/mi",
		]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure mi",
	)}
}

test_denied_served_infrastructure_is_named_by_order_not_by_document_order if {
	bound := object.union(testing.iot_config("infra-b", "default"), {"spec": {"messagingInfrastructureRef": "b"}})
	also := object.union(testing.iot_config("infra-a", "default"), {"spec": {"messagingInfrastructureRef": "a"}})
	elsewhere := {"spec": {"namespaceSelector": {"matchNames": ["other"]}}}
	others := [
		object.union(testing.infrastructure("infra-b", "b"), elsewhere),
		object.union(testing.infrastructure("infra-a", "a"), elsewhere),
		bound, also,
	]
	resources := array.concat([iot1, tenant, testing.infrastructure("enmasse-infra", "default")], others)
	reversed := array.concat([iot1, tenant, testing.infrastructure("enmasse-infra", "default")], array.reverse(others))
	policy.findings(testing.inv(resources)) == policy.findings(testing.inv(reversed))
	some f in policy.findings(testing.inv(resources))
	f.remediation == "kubectl iot create tenant -n ns1 --messaging-infrastructure a --infra-namespace infra-a"
}

test_denied_no_iot_infrastructure_outside_the_infrastructure_namespace if {
	bound := testing.tenant_bound_to("ns1", {"name": "mi", "namespace": "infra2"})
	resources := [iot1, bound, testing.infrastructure("infra2", "mi")]
	policy.findings(testing.inv(resources)) == {finding(
		concat("", [
			"MessagingInfrastructure infra2/mi, which serves namespace ns1, has no IoT infrastructure: ",
			"no IoTConfig in namespace infra2 is bound to it",
		]),
		"kubectl iot create infrastructure --messaging-infrastructure mi --infra-namespace infra2",
	)}
}

test_denied_explicit_ref_to_missing_infrastructure if {
	resources := array.concat([iot1, testing.tenant_bound_to("ns1", {"name": "missing"})], testing.infrastructure_set)
	policy.findings(testing.inv(resources)) == {finding(
		"MessagingTenant ns1/default refers to MessagingInfrastructure enmasse-infra/missing, which does not exist",
		"kubectl iot create tenant -n ns1 --messaging-infrastructure default",
	)}
}

test_denied_no_infrastructure_selects_the_namespace if {
	other := testing.infrastructure_selecting("only-ns2", {"matchNames": ["ns2"]}, "2020-01-01T00:00:00Z")
	policy.findings(testing.inv([iot1, tenant, other])) == {finding(
		concat("", [
			"No MessagingInfrastructure selects namespace ns1 of MessagingTenant ns1/default ",
			"(by matchNames, by having no namespaceSelector, or by labels)",
		]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure only-ns2",
	)}
}

test_denied_no_infrastructure_at_all if {
	policy.findings(testing.inv([iot1, tenant])) == {finding(
		"There is no MessagingInfrastructure at all to serve MessagingTenant ns1/default",
		"kubectl iot create tenant -n ns1 --messaging-infrastructure NAME",
	)}
}

test_denied_condition_reason_messaging_infrastructure_not_found if {
	evaluate([iot1, tenant]).condition.reason == "MessagingInfrastructureNotFound"
	evaluate([iot1, tenant]).recovery == "manual"
}

test_denied_explicit_ref_suggests_an_infrastructure_of_another_namespace if {
	resources := [iot1, testing.tenant_bound_to("ns1", {"name": "missing"}), testing.infrastructure("infra2", "mi")]
	[f.remediation | some f in policy.findings(testing.inv(resources))] == [
		"kubectl iot create tenant -n ns1 --messaging-infrastructure mi --infra-namespace infra2",
	]
}
