# METADATA
# title: Only the managed downstream strategy
# description: >-
#   EnMasse Core v1 removes the external and provided downstream strategies of IoTProject; only the managed
#   one remains. An external AMQP network is reached through EnMasse connectors instead.
# custom:
#   id: project-managed-strategy-only
#   severity: error
#   remediation: >-
#     remove spec.downstreamStrategy.{strategy} from IoTProject {namespace}/{name}
#     (kubectl iot create project {name} -n {namespace} generates the managed form)
package policies["project-managed-strategy-only"]

import data.policies.lib.finding

metadata := finding.annotations(rego.metadata.chain())

removed := {"externalStrategy": " (for an external AMQP network, use an EnMasse connector)", "providedStrategy": ""}

findings(inv) := {finding.new(metadata, p, message, remediation) |
	some p in inv.projects
	strategies := p.object.spec.downstreamStrategy
	is_object(strategies)
	some strategy, _ in strategies
	hint := removed[strategy]
	message := concat("", [
		finding.object_name(p), " uses spec.downstreamStrategy.", strategy,
		", which EnMasse Core v1 removed: only the managed strategy remains", hint,
	])
	remediation := finding.remediation(metadata, {"strategy": strategy, "namespace": p.namespace, "name": p.name})
}
