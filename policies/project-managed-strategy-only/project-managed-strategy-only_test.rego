package policies["project-managed-strategy-only_test"]

import data.policies.lib.testing
import data.policies["project-managed-strategy-only"] as policy

with_strategy(strategies) := object.union(testing.project("ns1", "iot1"), {"spec": {"downstreamStrategy": strategies}})

finding(message) := {
	"policy": "project-managed-strategy-only",
	"severity": "error",
	"message": message,
	"resource": testing.ref(testing.project("ns1", "iot1")),
	"remediation": "kubectl iot create project iot1 -n ns1 --force",
	"index": 0,
}

test_allowed_no_strategy if {
	policy.findings(testing.inv([testing.project("ns1", "iot1")])) == set()
}

test_allowed_managed_strategy if {
	policy.findings(testing.inv([with_strategy({"managedStrategy": {}})])) == set()
}

test_denied_external_strategy if {
	project := with_strategy({"externalStrategy": {"host": "amqp.example.com"}})
	policy.findings(testing.inv([project])) == {finding(concat("", [
		"IoTProject ns1/iot1 uses spec.downstreamStrategy.externalStrategy, which EnMasse Core v1 removed: ",
		"only the managed strategy remains (for an external AMQP network, use an EnMasse connector)",
	]))}
}

test_denied_provided_strategy_even_when_empty if {
	policy.findings(testing.inv([with_strategy({"providedStrategy": null})])) == {finding(concat("", [
		"IoTProject ns1/iot1 uses spec.downstreamStrategy.providedStrategy, which EnMasse Core v1 removed: ",
		"only the managed strategy remains",
	]))}
}

test_denied_both_removed_strategies if {
	strategies := {"externalStrategy": {}, "providedStrategy": {}, "managedStrategy": {}}
	count(policy.findings(testing.inv([with_strategy(strategies)]))) == 2
}

test_denied_strategy_of_a_project_to_be_renamed_is_fixed_by_the_rename if {
	strategy := {"spec": {"downstreamStrategy": {"externalStrategy": {}}}}
	project := object.union(testing.project("ns1", "My_Project"), strategy)
	[f.remediation | some f in policy.findings(testing.inv([project]))] == [
		"kubectl iot rename iotproject My_Project my-project -n ns1",
	]
}
