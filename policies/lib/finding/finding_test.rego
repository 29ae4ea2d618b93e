package policies.lib.finding_test

import data.policies.lib.finding

test_expand_replaces_every_placeholder if {
	finding.expand("a {x} b {y} {x}", {"x": "1", "y": "2"}) == "a 1 b 2 1"
}

test_remediation_for_a_reason_falls_back_to_the_default if {
	meta := {"remediation": "default {v}", "remediations": {"R": "special {v}"}}
	finding.remediation_for(meta, "R", {"v": "1"}) == "special 1"
	finding.remediation_for(meta, "Other", {"v": "1"}) == "default 1"
	finding.remediation_for({"remediation": "plain"}, "R", {}) == "plain"
}

test_infra_namespace_flag_only_outside_the_default if {
	finding.infra_namespace_flag("enmasse-infra") == ""
	finding.infra_namespace_flag("infra2") == " --infra-namespace infra2"
}

test_object_names if {
	finding.object_name({"namespace": "", "name": "ns1", "object": {"kind": "Namespace"}}) == "Namespace ns1"
	tenant := {"namespace": "ns1", "name": "t", "object": {"kind": "MessagingProject"}}
	finding.object_name(tenant) == "MessagingProject ns1/t"
}

test_names_joins_with_and if {
	finding.names(["a"]) == "a"
	finding.names(["a", "b"]) == "a and b"
	finding.names(["a", "b", "c"]) == "a, b and c"
}

test_annotations_of_the_package if {
	chain := [
		{"path": ["policies", "x", "r"]},
		{"path": ["policies", "x"], "annotations": {
			"scope": "package",
			"title": "T",
			"description": "D",
			"custom": {"id": "x", "severity": "error"},
		}},
	]
	finding.annotations(chain) == {"id": "x", "severity": "error", "title": "T", "description": "D"}
}
