# METADATA
# title: IoT project requires an IoT infrastructure
# description: >-
#   The MessagingTenant of an IoTProject's namespace must resolve to an existing MessagingInfrastructure that
#   an IoTConfig is bound to. Otherwise the controller sets HasMessagingInfrastructure=False and phase Failed,
#   and does not retry: the project must be re-created after the fix.
# custom:
#   id: project-requires-iot-infrastructure
#   severity: error
#   condition: HasMessagingInfrastructure
#   recovery: manual
#   remediation: >-
#     kubectl iot create infrastructure --messaging-infrastructure {infrastructure}{infraNamespaceFlag}
#   remediations:
#     MessagingInfrastructureNotFound: >-
#       kubectl iot create tenant -n {namespace} --messaging-infrastructure {infrastructure}{infraNamespaceFlag}
#     IoTInfrastructureServesAnother: >-
#       kubectl iot create tenant -n {namespace} --messaging-infrastructure {infrastructure}{infraNamespaceFlag}
package policies["project-requires-iot-infrastructure"]

import data.policies.lib.chain
import data.policies.lib.finding
import data.policies.lib.inventory

metadata := finding.annotations(rego.metadata.chain())

# evaluate: the HasMessagingInfrastructure condition of a project; when it fails, also the phaseReason,
# recovery and remediation.
evaluate(inv, project) := result if {
	links := inv.chains[project.namespace]
	links.tenant == null
	result := {"condition": condition("Unknown", "MessagingTenantNotFound", concat("", [
		"There is no MessagingTenant named default in namespace ",
		project.namespace,
		" to lead to a messaging infrastructure",
	]))}
} else := result if {
	links := inv.chains[project.namespace]
	links.messaging_infrastructure == null
	candidate := replacement(inv)
	result := failed(project, "MessagingInfrastructureNotFound", no_messaging_infrastructure(inv, links), {
		"namespace": project.namespace,
		"infrastructure": candidate.name,
		"infraNamespaceFlag": finding.infra_namespace_flag(candidate.namespace),
	})
} else := result if {
	links := inv.chains[project.namespace]
	links.iot_infrastructure == null
	infrastructure := links.messaging_infrastructure
	message := concat("", [
		finding.object_name(infrastructure),
		", which serves namespace ",
		project.namespace,
		", has no IoT infrastructure: no IoTConfig in namespace ",
		infrastructure.namespace,
		" is bound to it",
	])
	result := no_iot_infrastructure(inv, project, message)
} else := {"condition": condition("True", "IoTInfrastructureFound", concat("", [
	finding.object_name(links.iot_infrastructure),
	" serves namespace ",
	project.namespace,
	" through ",
	finding.object_name(links.messaging_infrastructure),
]))} if {
	links := inv.chains[project.namespace]
}

# no_iot_infrastructure: only one IoT infrastructure is supported, so when an IoTConfig already serves another
# MessagingInfrastructure the fix is to bind the tenant to that one, not to create a second IoTConfig.
no_iot_infrastructure(inv, project, message) := result if {
	served := served_infrastructures(inv)
	count(served) > 0
	result := failed_with(
		project, "NoIoTInfrastructure", "IoTInfrastructureServesAnother",
		concat("", [
			message, "; ", finding.object_name(served[0].config), " serves ",
			finding.object_name(served[0].infrastructure),
		]),
		{
			"namespace": project.namespace,
			"infrastructure": served[0].infrastructure.name,
			"infraNamespaceFlag": finding.infra_namespace_flag(served[0].infrastructure.namespace),
		},
	)
} else := failed(project, "NoIoTInfrastructure", message, {
	"namespace": project.namespace,
	"infrastructure": infrastructure.name,
	"infraNamespaceFlag": finding.infra_namespace_flag(infrastructure.namespace),
}) if {
	infrastructure := inv.chains[project.namespace].messaging_infrastructure
}

# served_infrastructures: the existing MessagingInfrastructures an IoTConfig is bound to, with that IoTConfig,
# ordered by namespace and name (not by document order, which conftest and Gatekeeper do not keep).
served_infrastructures(inv) := [pair |
	some key in sort(object.keys(served))
	pair := served[key]
] if {
	served := {[m.namespace, m.name, c.namespace, c.name, c.index]: {"config": c, "infrastructure": m} |
		some c in inv.iot_configs
		m := inv.messaging_infrastructure_at[[c.namespace, inventory.binding(c)]]
	}
}

condition(status, reason, message) := {
	"type": metadata.condition,
	"status": status,
	"reason": reason,
	"message": message,
}

failed(project, reason, message, vars) := failed_with(project, reason, reason, message, vars)

# failed_with: a failed condition with `reason`, its fix taken from the remediation template `template`.
failed_with(project, reason, template, message, vars) := {
	"condition": condition("False", reason, message),
	"recovery": metadata.recovery,
	"remediation": fix,
	"phaseReason": concat("", [
		message,
		". The controller does not retry: after the fix, re-create IoTProject ",
		project.namespace,
		"/",
		project.name,
		". Fix: ",
		fix,
	]),
} if {
	fix := finding.remediation_for(metadata, template, vars)
}

no_messaging_infrastructure(inv, links) := concat("", [
	finding.object_name(links.tenant),
	" refers to MessagingInfrastructure ",
	links.wanted.namespace,
	"/",
	links.wanted.name,
	", which does not exist",
]) if {
	links.wanted.explicit
} else := concat("", [
	"No MessagingInfrastructure selects namespace ",
	links.tenant.namespace,
	" of ",
	finding.object_name(links.tenant),
	" (by matchNames, by having no namespaceSelector, or by labels)",
]) if {
	count(inv.messaging_infrastructures) > 0
} else := concat("", [
	"There is no MessagingInfrastructure at all to serve ",
	finding.object_name(links.tenant),
])

# replacement: the MessagingInfrastructure to bind a tenant to instead: the oldest in the infrastructure
# namespace, else the oldest anywhere; NAME (to fill in) when there is none.
replacement(inv) := chosen if {
	chosen := chain.best([m | some m in inv.messaging_infrastructures; m.namespace == inv.infra_namespace])
	chosen != null
} else := chosen if {
	chosen := chain.best(inv.messaging_infrastructures)
	chosen != null
} else := {"namespace": inv.infra_namespace, "name": "NAME"}

findings(inv) := {finding.new(metadata, project, result.condition.message, result.remediation) |
	some project in inv.projects
	result := evaluate(inv, project)
	result.condition.status == "False"
}
