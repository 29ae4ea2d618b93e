# METADATA
# title: kubectl-iot policy pack for conftest
# description: |-
#   The conftest entrypoint. `conftest test --combine` passes every file as one input, [{"path", "contents"}]
#   with contents a document or a list of documents; this package flattens them, in that order, into the
#   resources of policies.main (the same entrypoint the plugin's WebAssembly module uses) and reports its
#   findings: severity error as deny, warning as warn (each finding takes its severity from the METADATA
#   of its policy). No policy logic lives here.
package main

import data.policies.main as pack

# Parameters of the pack ({"infraNamespace": ...}), from a document given with `conftest --data`
# holding {"kubectl_iot": {"parameters": {...}}}.
default parameters := {}

parameters := data.kubectl_iot.parameters

# documents: [path, document] for every document of every file, in conftest's order.
documents := [[file.path, document] | some file in input; some document in contents(file.contents)] if is_array(input)

contents(value) := value if is_array(value)

contents(value) := [value] if not is_array(value)

findings := found if {
	found := pack.findings with input as {"parameters": parameters, "resources": [d | some [_, d] in documents]}
}

deny contains result(f, documents) if {
	some f in findings
	f.severity == "error"
}

warn contains result(f, documents) if {
	some f in findings
	f.severity == "warning"
}

# Without --combine, conftest passes one document at a time: a project would never see its tenant.
deny contains {"msg": "kubectl-iot policies check all files together: run conftest test --combine"} if {
	not is_array(input)
}

# result: a conftest result; msg reads "<policy id>: <message>", the rest is metadata for -o json.
result(f, docs) := {
	"msg": concat("", [f.policy, ": ", f.message]),
	"_loc": {"file": docs[f.index][0]},
	"policy": f.policy,
	"severity": f.severity,
	"message": f.message,
	"resource": f.resource,
	"remediation": f.remediation,
}
