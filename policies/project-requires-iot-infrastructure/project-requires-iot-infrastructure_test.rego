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

evaluate(resources) := policy.evaluate(inv, inv.projects[0].namespace) if inv := testing.inv(resources)

phase_reason(resources) := policy.phase_reason(evaluate(resources), inv.projects[0]) if inv := testing.inv(resources)

findings(resources) := policy.findings(testing.inv(resources))

bound_to(config, ref) := object.union(config, {"spec": {"messagingInfrastructureRef": ref}})

gold := testing.infrastructure_selecting("gold", {"matchLabels": {"tier": "gold"}}, "2020-01-01T00:00:00Z")

serving_gold := bound_to(testing.iot_config("enmasse-infra", "default"), "gold")

no_iot_message := concat("", [
	"MessagingInfrastructure enmasse-infra/default, which serves namespace ns1, has no IoT infrastructure: ",
	"no IoTConfig in namespace enmasse-infra is bound to it",
])

create_infrastructure := "kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/default"

# without_iot_config: the finding every project gets when there is no IoTConfig at all and its own fix is not `fix`.
without_iot_config(target, fix) := finding(
	concat("", [
		"There is no IoTConfig in the cluster, so IoTProject ns1/iot1 fails after its other fixes too: ",
		"no IoT infrastructure serves MessagingInfrastructure ", target,
	]),
	fix,
)

test_allowed_complete_chain if {
	findings(array.concat([iot1, tenant], testing.infrastructure_set)) == set()
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
	findings(resources) == set()
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
		bound_to(testing.iot_config("infra2", "default"), "mi"),
	]
	findings(resources) == set()
}

test_allowed_iot_config_bound_by_reference if {
	config := bound_to(testing.iot_config("enmasse-infra", "default"), "mi")
	findings([iot1, tenant, testing.infrastructure("enmasse-infra", "mi"), config]) == set()
}

test_allowed_labels_of_the_namespace_object if {
	findings([iot1, tenant, gold, serving_gold, testing.namespace("ns1", {"tier": "gold"})]) == set()
}

test_allowed_name_label_decides_without_namespace_object if {
	mine := testing.infrastructure_selecting("mine", {"matchLabels": {"kubernetes.io/metadata.name": "ns1"}}, "")
	expression := {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["ns1"]}]}
	also := testing.infrastructure_selecting("also", expression, "")
	findings([iot1, tenant, mine, also, bound_to(testing.iot_config("enmasse-infra", "default"), "also")]) == set()
}

test_denied_no_iot_config_at_all if {
	findings([iot1, tenant, testing.infrastructure("enmasse-infra", "default")]) == {finding(
		no_iot_message,
		create_infrastructure,
	)}
}

test_denied_condition_is_false_and_needs_manual_recovery if {
	resources := [iot1, tenant, testing.infrastructure("enmasse-infra", "default")]
	evaluate(resources) == {
		"condition": condition("False", "NoIoTInfrastructure", no_iot_message),
		"recovery": "manual",
		"remediation": create_infrastructure,
	}
	phase_reason(resources) == concat("", [
		no_iot_message,
		". The controller does not retry: after the fix, re-create the project with ",
		"kubectl iot recreate project iot1 -n ns1. Fix: ", create_infrastructure,
	])
}

test_denied_iot_config_bound_to_another_missing_infrastructure if {
	config := bound_to(testing.iot_config("enmasse-infra", "default"), "mi")
	findings([iot1, tenant, testing.infrastructure("enmasse-infra", "default"), config]) == {finding(
		concat("", [no_iot_message, "; the IoT infrastructure is to serve MessagingInfrastructure enmasse-infra/mi"]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/mi --force",
	)}
}

test_denied_iot_config_serves_another_existing_infrastructure if {
	config := bound_to(testing.iot_config("enmasse-infra", "default"), "mi")
	resources := [
		iot1, tenant, config,
		testing.infrastructure("enmasse-infra", "default"), testing.infrastructure("enmasse-infra", "mi"),
	]
	findings(resources) == {finding(
		concat("", [
			no_iot_message,
			"; IoTConfig enmasse-infra/default serves MessagingInfrastructure enmasse-infra/mi",
		]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/mi --force",
	)}
}

test_denied_serving_iot_config_is_chosen_by_order_not_by_document_order if {
	bound := bound_to(testing.iot_config("infra-b", "default"), "b")
	also := bound_to(testing.iot_config("infra-a", "default"), "a")
	elsewhere := {"spec": {"namespaceSelector": {"matchNames": ["other"]}}}
	others := [
		object.union(testing.infrastructure("infra-b", "b"), elsewhere),
		object.union(testing.infrastructure("infra-a", "a"), elsewhere),
		bound, also,
	]
	resources := array.concat([iot1, tenant, testing.infrastructure("enmasse-infra", "default")], others)
	reversed := array.concat([iot1, tenant, testing.infrastructure("enmasse-infra", "default")], array.reverse(others))
	findings(resources) == findings(reversed)
	[f.remediation | some f in findings(resources)] == [
		"kubectl iot create tenant -n ns1 --messaging-infrastructure infra-a/a --force",
	]
}

test_denied_no_iot_config_creates_it_outside_the_infrastructure_namespace if {
	bound := testing.tenant_bound_to("ns1", {"name": "mi", "namespace": "infra2"})
	findings([iot1, bound, testing.infrastructure("infra2", "mi")]) == {finding(
		concat("", [
			"MessagingInfrastructure infra2/mi, which serves namespace ns1, has no IoT infrastructure: ",
			"no IoTConfig in namespace infra2 is bound to it",
		]),
		"kubectl iot create infrastructure --messaging-infrastructure infra2/mi",
	)}
}

test_denied_explicit_ref_to_missing_infrastructure if {
	resources := array.concat([iot1, testing.tenant_bound_to("ns1", {"name": "missing"})], testing.infrastructure_set)
	findings(resources) == {finding(
		concat("", [
			"MessagingTenant ns1/default refers to MessagingInfrastructure enmasse-infra/missing, which does not exist; ",
			"IoTConfig enmasse-infra/default serves MessagingInfrastructure enmasse-infra/default",
		]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/default --force",
	)}
}

test_denied_explicit_ref_to_the_missing_infrastructure_of_the_iot_config if {
	config := bound_to(testing.iot_config("enmasse-infra", "default"), "shared")
	resources := [iot1, testing.tenant_bound_to("ns1", {"name": "shared"}), config]
	findings(resources) == {finding(
		"MessagingTenant ns1/default refers to MessagingInfrastructure enmasse-infra/shared, which does not exist",
		"kubectl iot create messaging-infrastructure shared -n enmasse-infra",
	)}
}

test_denied_no_infrastructure_selects_the_namespace if {
	other := testing.infrastructure_selecting("only-ns2", {"matchNames": ["ns2"]}, "2020-01-01T00:00:00Z")
	findings([iot1, tenant, other]) == {
		finding(
			concat("", [
				"No MessagingInfrastructure selects namespace ns1 of MessagingTenant ns1/default ",
				"(by matchNames, by having no namespaceSelector, or by labels); the IoT infrastructure is to serve ",
				"MessagingInfrastructure enmasse-infra/only-ns2",
			]),
			"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/only-ns2 --force",
		),
		without_iot_config(
			"enmasse-infra/only-ns2",
			"kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/only-ns2",
		),
	}
}

test_denied_no_infrastructure_at_all if {
	findings([iot1, tenant]) == {
		finding(
			concat("", [
				"There is no MessagingInfrastructure at all to serve MessagingTenant ns1/default; ",
				"the IoT infrastructure is to serve MessagingInfrastructure enmasse-infra/default",
			]),
			"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/default --force",
		),
		without_iot_config(
			"enmasse-infra/default",
			concat("", [create_infrastructure, " --create-messaging-infrastructure"]),
		),
	}
}

test_denied_explicit_ref_to_the_infrastructure_to_be_created if {
	resources := [iot1, testing.tenant_bound_to("ns1", {"name": "default"})]
	findings(resources) == {finding(
		"MessagingTenant ns1/default refers to MessagingInfrastructure enmasse-infra/default, which does not exist",
		concat("", [create_infrastructure, " --create-messaging-infrastructure"]),
	)}
}

test_denied_condition_reason_messaging_infrastructure_not_found if {
	evaluate([iot1, tenant]).condition.reason == "MessagingInfrastructureNotFound"
	evaluate([iot1, tenant]).recovery == "manual"
}

test_denied_explicit_ref_suggests_an_infrastructure_of_another_namespace if {
	resources := [iot1, testing.tenant_bound_to("ns1", {"name": "missing"}), testing.infrastructure("infra2", "mi")]
	{f.remediation | some f in findings(resources)} == {
		"kubectl iot create tenant -n ns1 --messaging-infrastructure infra2/mi --force",
		"kubectl iot create infrastructure --messaging-infrastructure infra2/mi",
	}
}

test_denied_missing_tenant_without_iot_config if {
	findings([iot1, testing.infrastructure("enmasse-infra", "default")]) == {without_iot_config(
		"enmasse-infra/default",
		create_infrastructure,
	)}
}
