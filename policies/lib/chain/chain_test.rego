package policies.lib.chain_test

import data.policies.lib.testing

# chosen: the MessagingInfrastructure name namespace ns1 resolves to among these, or null.
chosen(resources) := name if {
	inv := testing.inv(array.concat([testing.project("ns1", "iot1"), testing.tenant("ns1", "default")], resources))
	name := inv.chains.ns1.messaging_infrastructure.name
} else := null

old := "2020-01-01T00:00:00Z"

new := "2021-01-01T00:00:00Z"

names(list, created) := testing.infrastructure_selecting("names", {"matchNames": list}, created)

global(created) := testing.infrastructure_selecting("global", {}, created)

labels(selector, created) := testing.infrastructure_selecting("labels", selector, created)

ns1(labels) := testing.namespace("ns1", labels)

test_match_names_beats_global if {
	chosen([global(old), names(["ns1"], new)]) == "names"
}

test_global_beats_labels if {
	chosen([labels({"matchLabels": {"team": "a"}}, old), global(new), ns1({"team": "a"})]) == "global"
}

test_missing_selector_is_global if {
	infra := testing.infrastructure("enmasse-infra", "plain")
	chosen([labels({"matchLabels": {"team": "a"}}, old), infra, ns1({"team": "a"})]) == "plain"
}

test_match_names_miss_does_not_select if {
	chosen([names(["ns2"], old)]) == null
}

test_match_labels_select if {
	chosen([labels({"matchLabels": {"team": "a"}}, old), ns1({"team": "a"})]) == "labels"
}

test_match_labels_mismatch_does_not_select if {
	chosen([labels({"matchLabels": {"team": "a"}}, old), ns1({"team": "b"})]) == null
}

test_labels_without_namespace_object_do_not_select if {
	chosen([labels({"matchLabels": {"team": "a"}}, old)]) == null
}

test_name_label_of_the_api_server_selects if {
	selector := {"matchLabels": {"kubernetes.io/metadata.name": "ns1"}}
	chosen([labels(selector, old)]) == "labels"
}

test_name_label_of_a_namespace_object_without_labels if {
	selector := {"matchLabels": {"kubernetes.io/metadata.name": "ns1"}}
	unlabelled := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns1", "labels": null}}
	chosen([labels(selector, old), unlabelled]) == "labels"
}

test_expression_in if {
	selector := {"matchExpressions": [{"key": "team", "operator": "In", "values": ["a", "b"]}]}
	chosen([labels(selector, old), ns1({"team": "b"})]) == "labels"
	chosen([labels(selector, old), ns1({"team": "c"})]) == null
}

test_expression_not_in if {
	selector := {"matchExpressions": [{"key": "team", "operator": "NotIn", "values": ["a"]}]}
	chosen([labels(selector, old), ns1({"team": "b"})]) == "labels"
	chosen([labels(selector, old), ns1({})]) == "labels"
	chosen([labels(selector, old), ns1({"team": "a"})]) == null
}

test_expression_exists if {
	selector := {"matchExpressions": [{"key": "team", "operator": "Exists"}]}
	chosen([labels(selector, old), ns1({"team": ""})]) == "labels"
	chosen([labels(selector, old), ns1({"other": "x"})]) == null
}

test_expression_does_not_exist if {
	selector := {"matchExpressions": [{"key": "team", "operator": "DoesNotExist"}]}
	chosen([labels(selector, old), ns1({"other": "x"})]) == "labels"
	chosen([labels(selector, old), ns1({"team": "a"})]) == null
}

test_unknown_operator_does_not_select if {
	selector := {"matchExpressions": [{"key": "team", "operator": "Like", "values": ["a"]}]}
	chosen([labels(selector, old), ns1({"team": "a"})]) == null
}

test_labels_and_expressions_must_all_hold if {
	selector := {"matchLabels": {"team": "a"}, "matchExpressions": [{"key": "tier", "operator": "Exists"}]}
	chosen([labels(selector, old), ns1({"team": "a", "tier": "1"})]) == "labels"
	chosen([labels(selector, old), ns1({"team": "a"})]) == null
}

test_tie_goes_to_the_oldest if {
	a := testing.infrastructure_selecting("a", {}, new)
	b := testing.infrastructure_selecting("b", {}, old)
	chosen([a, b]) == "b"
}

test_tie_without_timestamp_sorts_after_one_with if {
	a := testing.infrastructure("enmasse-infra", "a")
	b := testing.infrastructure_selecting("b", {}, new)
	chosen([a, b]) == "b"
}

test_tie_of_the_same_age_goes_to_the_name if {
	a := testing.infrastructure_selecting("a", {}, old)
	b := testing.infrastructure_selecting("b", {}, old)
	chosen([b, a]) == "a"
}

test_tie_among_match_names_goes_to_the_oldest if {
	a := testing.infrastructure_selecting("a", {"matchNames": ["ns1"]}, new)
	b := testing.infrastructure_selecting("b", {"matchNames": ["ns0", "ns1"]}, old)
	chosen([a, b, global(old)]) == "b"
}

test_explicit_ref_beats_selectors if {
	inv := testing.inv([
		testing.project("ns1", "iot1"),
		testing.tenant_bound_to("ns1", {"name": "picked"}),
		names(["ns1"], old),
		testing.infrastructure("enmasse-infra", "picked"),
	])
	inv.chains.ns1.wanted == {"namespace": "enmasse-infra", "name": "picked", "explicit": true}
	inv.chains.ns1.messaging_infrastructure.name == "picked"
}

test_explicit_ref_namespace_defaults_to_the_parameter if {
	inv := data.policies.lib.inventory.build(
		[testing.project("ns1", "iot1"), testing.tenant_bound_to("ns1", {"name": "mi", "namespace": ""})],
		{"infraNamespace": "infra"},
	)
	inv.chains.ns1.wanted == {"namespace": "infra", "name": "mi", "explicit": true}
	inv.chains.ns1.messaging_infrastructure == null
}

test_iot_config_binds_by_its_own_name_by_default if {
	inv := testing.inv([
		testing.project("ns1", "iot1"),
		testing.tenant("ns1", "default"),
		testing.infrastructure("enmasse-infra", "default"),
		testing.iot_config("enmasse-infra", "default"),
	])
	inv.chains.ns1.iot_infrastructure.name == "default"
}

test_iot_config_with_another_name_serves_nothing if {
	inv := testing.inv([
		testing.project("ns1", "iot1"),
		testing.tenant_bound_to("ns1", {"name": "mi"}),
		testing.infrastructure("enmasse-infra", "mi"),
		testing.iot_config("enmasse-infra", "mi"),
		testing.iot_config("enmasse-infra", "default"),
	])
	inv.chains.ns1.iot_infrastructure == null
	[c.name | some c in inv.chains.ns1.rejected] == ["mi"]
}

test_iot_config_in_another_namespace_does_not_bind if {
	inv := testing.inv([
		testing.project("ns1", "iot1"),
		testing.tenant("ns1", "default"),
		testing.infrastructure("enmasse-infra", "default"),
		testing.iot_config("elsewhere", "default"),
	])
	inv.chains.ns1.iot_infrastructure == null
}

test_chains_only_for_namespaces_with_projects if {
	inv := testing.inv([testing.project("ns1", "iot1"), testing.tenant("ns2", "default")])
	object.keys(inv.chains) == {"ns1"}
}
