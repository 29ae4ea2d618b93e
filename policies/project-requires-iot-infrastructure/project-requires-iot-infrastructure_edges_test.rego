# The edges of which IoT infrastructure serves a project: IoTConfigs the controller ignores (another name, beyond
# the singleton), and namespaces whose labels decide but are unknown. The helpers are the package's, in
# project-requires-iot-infrastructure_test.rego.
package policies["project-requires-iot-infrastructure_test"]

import data.policies.lib.testing

unknown_labels_message := concat("", [
	"Label selectors decide which MessagingInfrastructure serves namespace ns1 (MessagingTenant ns1/default has ",
	"no messagingInfrastructureRef, and no MessagingInfrastructure names the namespace in matchNames or serves ",
	"every namespace), but its labels are unknown: there is no Namespace ns1 among the checked objects",
])

labels_fix := "add Namespace ns1 (with its labels) to the checked files, or check with --live"

test_denied_iot_config_with_the_wrong_name_serves_nothing if {
	resources := [
		iot1, testing.tenant_bound_to("ns1", {"name": "iot"}), testing.infrastructure("enmasse-infra", "iot"),
		testing.iot_config("enmasse-infra", "iot"),
	]
	findings(resources) == {finding(
		concat("", [
			"MessagingInfrastructure enmasse-infra/iot, which serves namespace ns1, has no IoT infrastructure: ",
			"IoTConfig enmasse-infra/iot is bound to it, but the controller rejects it: its name must be default",
		]),
		"kubectl iot rename iotconfig iot default -n enmasse-infra",
	)}
}

test_denied_iot_config_beyond_the_singleton_serves_nothing if {
	resources := array.concat([iot1, testing.tenant_bound_to("ns1", {"name": "mi", "namespace": "infra2"})], [
		testing.infrastructure("enmasse-infra", "default"), testing.iot_config("enmasse-infra", "default"),
		testing.infrastructure("infra2", "mi"),
		testing.aged(bound_to(testing.iot_config("infra2", "default"), "mi"), "2019-01-01T00:00:00Z"),
		bound_to(testing.iot_config("infra2", "legacy"), "mi"),
	])
	findings(resources) == {finding(
		concat("", [
			"MessagingInfrastructure infra2/mi, which serves namespace ns1, has no IoT infrastructure: ",
			"IoTConfig infra2/default is bound to it, but the controller rejects it: it is beyond the singleton ",
			"(a cluster has one IoTConfig, and IoTConfig enmasse-infra/default is the one that serves); ",
			"IoTConfig infra2/legacy is bound to it, but the controller rejects it: its name must be default; ",
			"IoTConfig enmasse-infra/default serves MessagingInfrastructure enmasse-infra/default",
		]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/default --force",
	)}
}

test_denied_wrong_named_iot_config_binds_to_a_missing_infrastructure if {
	findings([iot1, tenant, testing.iot_config("enmasse-infra", "iot")]) == {finding(
		concat("", [
			"There is no MessagingInfrastructure at all to serve MessagingTenant ns1/default; ",
			"the IoT infrastructure is to serve MessagingInfrastructure enmasse-infra/iot",
		]),
		"kubectl iot create tenant -n ns1 --messaging-infrastructure enmasse-infra/iot --force",
	)}
}

test_denied_unknown_labels_is_a_warning if {
	resources := [iot1, tenant, gold, serving_gold]
	findings(resources) == {object.union(finding(unknown_labels_message, labels_fix), {"severity": "warning"})}
	evaluate(resources) == {
		"condition": condition("Unknown", "NamespaceLabelsUnknown", unknown_labels_message),
		"severity": "warning",
		"remediation": labels_fix,
		"phaseReason": concat("", [unknown_labels_message, ". To find out: ", labels_fix]),
	}
	phase_reason(resources) == concat("", [unknown_labels_message, ". To find out: ", labels_fix])
}

test_denied_unknown_labels_when_the_best_label_selector_reads_other_labels if {
	mine := testing.infrastructure_selecting("mine", {"matchLabels": {"kubernetes.io/metadata.name": "ns1"}}, "")
	evaluate([iot1, tenant, mine, gold, serving_gold]).condition.reason == "NamespaceLabelsUnknown"
	other := testing.infrastructure_selecting("other", {"matchLabels": {"kubernetes.io/metadata.name": "ns2"}}, "")
	older := testing.aged(other, "2019-01-01T00:00:00Z")
	evaluate([iot1, tenant, older, mine]).condition.reason == "NamespaceLabelsUnknown"
}

test_denied_unknown_labels_without_iot_config if {
	findings([iot1, tenant, gold]) == {
		object.union(finding(unknown_labels_message, labels_fix), {"severity": "warning"}),
		without_iot_config(
			"enmasse-infra/gold",
			"kubectl iot create infrastructure --messaging-infrastructure enmasse-infra/gold",
		),
	}
}
