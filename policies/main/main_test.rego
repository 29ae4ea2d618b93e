package policies.main_test

import data.policies.lib.testing
import data.policies.main

infrastructure_alias := testing.alias("iot.enmasse.io/v1", "IoTInfrastructure")

report(resources) := result if {
	result := main.report with input as {"parameters": {"infraNamespace": "enmasse-infra"}, "resources": resources}
}

addresses := ["telemetry/ns1.iot1", "event/ns1.iot1", "command/ns1.iot1", "command_response/ns1.iot1"]

adapter_addresses := [
	"ns1/telemetry/ns1.iot1",
	"ns1/event/ns1.iot1",
	"ns1/command/ns1.iot1",
	"ns1/command_response/ns1.iot1",
]

tenant_found := {
	"type": "HasMessagingTenant",
	"status": "True",
	"reason": "MessagingTenantFound",
	"message": "Found MessagingTenant default in namespace ns1",
}

test_active_project if {
	resources := array.concat(testing.infrastructure_set, [
		testing.tenant("ns1", "default"),
		testing.project("ns1", "iot1"),
	])
	report(resources) == {"findings": [], "projects": [{
		"namespace": "ns1",
		"name": "iot1",
		"tenantName": "ns1.iot1",
		"phase": "Active",
		"phaseReason": "",
		"conditions": [tenant_found, {
			"type": "HasMessagingInfrastructure",
			"status": "True",
			"reason": "IoTInfrastructureFound",
			"message": concat("", [
				"IoTConfig enmasse-infra/default serves namespace ns1 through ",
				"MessagingInfrastructure enmasse-infra/default",
			]),
		}],
		"addresses": addresses,
		"adapterAddresses": adapter_addresses,
		"chain": {
			"tenant": testing.ref(testing.tenant("ns1", "default")),
			"messagingInfrastructure": testing.ref(testing.infrastructure("enmasse-infra", "default")),
			"iotInfrastructure": testing.ref(testing.iot_config("enmasse-infra", "default")),
		},
		"index": 3,
	}]}
}

test_failed_project_without_tenant_recovers_automatically if {
	result := report(array.concat([testing.project("ns1", "iot1")], testing.infrastructure_set))
	result.projects == [{
		"namespace": "ns1",
		"name": "iot1",
		"tenantName": "ns1.iot1",
		"phase": "Failed",
		"phaseReason": concat("", [
			"There is no MessagingTenant named default in namespace ns1. The project becomes ready by itself ",
			"once the tenant exists. Fix: kubectl iot create tenant -n ns1",
		]),
		"recovery": "automatic",
		"conditions": [
			{
				"type": "HasMessagingTenant",
				"status": "False",
				"reason": "MessagingTenantNotFound",
				"message": "There is no MessagingTenant named default in namespace ns1",
			},
			{
				"type": "HasMessagingInfrastructure",
				"status": "Unknown",
				"reason": "MessagingTenantNotFound",
				"message": "There is no MessagingTenant named default in namespace ns1 to lead to a messaging infrastructure",
			},
		],
		"addresses": addresses,
		"adapterAddresses": adapter_addresses,
		"chain": {},
		"index": 0,
	}]
	[[f.policy, f.index] | some f in result.findings] == [["project-requires-messaging-tenant", 0]]
}

test_failed_project_without_iot_infrastructure_needs_manual_recovery if {
	resources := [
		testing.infrastructure("enmasse-infra", "default"),
		testing.tenant("ns1", "default"),
		testing.project("ns1", "iot1"),
	]
	[project] := report(resources).projects
	project.phase == "Failed"
	project.recovery == "manual"
	[c.status | some c in project.conditions] == ["True", "False"]
	project.chain == {
		"tenant": testing.ref(testing.tenant("ns1", "default")),
		"messagingInfrastructure": testing.ref(testing.infrastructure("enmasse-infra", "default")),
	}
	endswith(project.phaseReason, concat("", [
		"re-create the project with kubectl iot recreate project iot1 -n ns1. ",
		"Fix: kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/default",
	]))
	project.recreate == "kubectl iot recreate project iot1 -n ns1"
}

test_unknown_project_when_the_namespace_labels_are_unknown if {
	gold := testing.infrastructure_selecting("gold", {"matchLabels": {"tier": "gold"}}, "")
	config := testing.iot_config_bound("enmasse-infra", "default", "gold")
	result := report([testing.project("ns1", "iot1"), testing.tenant("ns1", "default"), gold, config])
	[project] := result.projects
	project.phase == "Unknown"
	[c.status | some c in project.conditions] == ["True", "Unknown"]
	endswith(project.phaseReason, concat("", [
		". To find out: add Namespace ns1 (with its labels) to the checked files, ",
		"or check with --live",
	]))
	not project.recovery
	not project.recreate
	[[f.policy, f.severity] | some f in result.findings] == [["project-requires-iot-infrastructure", "warning"]]
}

test_active_project_left_failed_by_the_controller_has_recreate if {
	stuck := object.union(testing.project("ns1", "iot1"), {"status": {
		"phase": "Failed",
		"conditions": [{"type": "HasMessagingInfrastructure", "status": "False"}],
	}})
	resources := array.concat([stuck, testing.tenant("ns1", "default")], testing.infrastructure_set)
	[project] := report(resources).projects
	project.phase == "Active"
	project.recreate == "kubectl iot recreate project iot1 -n ns1"
}

test_failed_project_without_tenant_has_no_recreate if {
	[project] := report(array.concat([testing.project("ns1", "iot1")], testing.infrastructure_set)).projects
	project.recovery == "automatic"
	not project.recreate
}

test_alias_kinds_resolve_the_chain if {
	resources := [
		testing.infrastructure("enmasse-infra", "default"),
		object.union(testing.iot_config("enmasse-infra", "default"), infrastructure_alias),
		object.union(testing.tenant("ns1", "default"), {"kind": "MessagingProject"}),
		object.union(testing.project("ns1", "iot1"), testing.alias("iot.enmasse.io/v1", "IoTTenant")),
	]
	[project] := report(resources).projects
	project.phase == "Active"
	project.chain.tenant.kind == "MessagingProject"
	project.chain.iotInfrastructure.kind == "IoTInfrastructure"
}

test_findings_of_every_policy_carry_the_input_index if {
	resources := [
		{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ignored"}},
		testing.tenant("ns1", "other"),
		testing.project("ns1", "Bad_Name"),
		testing.iot_config("enmasse-infra", "iot"),
	]
	{[f.policy, f.index] | some f in report(resources).findings} == {
		["project-requires-messaging-tenant", 2],
		["project-name", 2],
		["messaging-tenant-name", 1],
		["iot-infrastructure-name", 3],
		["iot-infrastructure-messaging-infrastructure", 3],
	}
}

test_every_project_appears if {
	resources := [testing.project("ns1", "a"), testing.project("ns2", "b"), testing.tenant("ns2", "default")]
	[[p.index, p.name, p.phase] | some p in report(resources).projects] == [[0, "a", "Failed"], [1, "b", "Failed"]]
}

test_no_resources_no_report if {
	not main.report with input as {"parameters": {}}
}

test_parameters_are_optional if {
	main.report with input as {"resources": []}
}
