package policies["project-managed-strategy-only_test"]

import data.policies.lib.testing
import data.policies["project-managed-strategy-only"] as policy

with_strategy(strategies) := object.union(testing.project("ns1", "iot1"), {"spec": {"downstreamStrategy": strategies}})

finding(strategy, message) := {
	"policy": "project-managed-strategy-only",
	"severity": "error",
	"message": message,
	"resource": testing.ref(testing.project("ns1", "iot1")),
	"remediation": concat("", [
		"remove spec.downstreamStrategy.", strategy, " from IoTProject ns1/iot1 ",
		"(kubectl iot create project iot1 -n ns1 generates the managed form)",
	]),
	"index": 0,
}

test_allowed_no_strategy if {
	policy.findings(testing.inv([testing.project("ns1", "iot1")])) == set()
}

test_allowed_managed_strategy if {
	policy.findings(testing.inv([with_strategy({"managedStrategy": {}})])) == set()
}

test_denied_external_strategy if {
	policy.findings(testing.inv([with_strategy({"externalStrategy": {"host": "amqp.example.com"}})])) == {finding(
		"externalStrategy",
		concat("", [
			"IoTProject ns1/iot1 uses spec.downstreamStrategy.externalStrategy, which EnMasse Core v1 removed: ",
			"only the managed strategy remains (for an external AMQP network, use an EnMasse connector)",
		]),
	)}
}

test_denied_provided_strategy_even_when_empty if {
	policy.findings(testing.inv([with_strategy({"providedStrategy": null})])) == {finding(
		"providedStrategy",
		concat("", [
			"IoTProject ns1/iot1 uses spec.downstreamStrategy.providedStrategy, which EnMasse Core v1 removed: ",
			"only the managed strategy remains",
		]),
	)}
}

test_denied_both_removed_strategies if {
	strategies := {"externalStrategy": {}, "providedStrategy": {}, "managedStrategy": {}}
	count(policy.findings(testing.inv([with_strategy(strategies)]))) == 2
}
