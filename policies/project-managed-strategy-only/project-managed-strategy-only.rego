# METADATA
# title: Only the managed downstream strategy
# description: >-
#   EnMasse Core v1 removes the external and provided downstream strategies of IoTProject; only the managed
#   one remains. An external AMQP network is reached through EnMasse connectors instead.
# custom:
#   id: project-managed-strategy-only
#   severity: error
#   scope: object
#   remediation: >-
#     rewrite the IoTProject in the managed form (kubectl iot create project --force removes spec.downstreamStrategy
#     and keeps the rest); a project with an invalid name is renamed instead (kubectl iot rename iotproject writes
#     the managed form too)
package policies["project-managed-strategy-only"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.project

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
	remediation := fix(inv, p)
}

# fix: the project rewritten in place; one that project-name renames gets that rename, so no fix works on a
# project another fix renames.
fix(inv, p) := project.rename(inv, p) if {
	project.rename(inv, p)
} else := command.rewrite_project(p)
