package policies.lib.finding_test

import data.policies.lib.finding

test_object_names if {
	finding.object_name({"namespace": "", "name": "ns1", "object": {"kind": "Namespace"}}) == "Namespace ns1"
	tenant := {"kind": "MessagingTenant", "namespace": "ns1", "name": "t", "object": {"kind": "MessagingProject"}}
	finding.object_name(tenant) == "MessagingTenant ns1/t"
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
