# METADATA
# title: IoT project requires an IoT infrastructure
# description: >-
#   The MessagingTenant of an IoTProject's namespace must resolve to an existing MessagingInfrastructure that the
#   IoTConfig the controller accepts is bound to (an IoTConfig not named default, or beyond the one a cluster has,
#   serves nothing). Otherwise the controller sets HasMessagingInfrastructure=False and phase Failed, and does not
#   retry: the project must be re-created after the fix. When label selectors decide and the namespace's labels
#   are not among the checked objects, the condition is Unknown, reported as a warning.
# custom:
#   id: project-requires-iot-infrastructure
#   severity: error
#   scope: inventory
#   condition: HasMessagingInfrastructure
#   recovery: manual
#   remediation: >-
#     bind the namespace's MessagingTenant to the messaging infrastructure the IoT infrastructure serves, or create
#     the link of the chain that is missing (each finding names the exact kubectl iot command), then re-create the
#     project with kubectl iot recreate project
package policies["project-requires-iot-infrastructure"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.iot

metadata := finding.annotations(rego.metadata.chain())

# evaluate: the HasMessagingInfrastructure condition of the projects of a namespace; when it is False, also the
# recovery and remediation (phase_reason words it for each project); when it is Unknown for want of labels, the
# phaseReason, the remediation and the severity warning.
evaluate(inv, namespace) := result if {
	links := inv.chains[namespace]
	links.tenant == null
	result := {"condition": condition("Unknown", "MessagingTenantNotFound", concat("", [
		"There is no MessagingTenant named default in namespace ",
		namespace,
		" to lead to a messaging infrastructure",
	]))}
} else := unknown_labels(namespace, links) if {
	links := inv.chains[namespace]
	links.labels_unknown
} else := result if {
	links := inv.chains[namespace]
	links.messaging_infrastructure == null
	fix := missing_fix(inv.iot, namespace, links.wanted)
	message := concat("", [no_messaging_infrastructure(inv, links), rebinding(inv.iot, namespace, fix)])
	result := failed("MessagingInfrastructureNotFound", message, fix)
} else := result if {
	links := inv.chains[namespace]
	links.iot_infrastructure == null
	infrastructure := links.messaging_infrastructure
	fix := unserved_fix(inv.iot, namespace, infrastructure)
	message := concat("", [
		finding.object_name(infrastructure), ", which serves namespace ", namespace,
		", has no IoT infrastructure: ", unserved(inv.iot, links), rebinding(inv.iot, namespace, fix),
	])
	result := failed("NoIoTInfrastructure", message, fix)
} else := {"condition": condition("True", "IoTInfrastructureFound", concat("", [
	finding.object_name(links.iot_infrastructure),
	" serves namespace ",
	namespace,
	" through ",
	finding.object_name(links.messaging_infrastructure),
]))} if {
	links := inv.chains[namespace]
}

# missing_fix: the wanted MessagingInfrastructure is missing: create it when it is the target, else bind the
# tenant to the target.
missing_fix(facts, namespace, wanted) := facts.create_target if {
	iot.is_target(facts, wanted)
} else := iot.rebind(facts, namespace)

# unserved_fix: nothing serves the MessagingInfrastructure: make it served when it is the target (only one IoT
# infrastructure is supported, so a second one is never the fix), else bind the tenant to the target.
unserved_fix(facts, namespace, infrastructure) := facts.serve_target if {
	iot.is_target(facts, infrastructure)
} else := iot.rebind(facts, namespace)

# unserved: why no IoTConfig serves the messaging infrastructure of a chain.
unserved(facts, links) := concat("; ", sort({concat("", [
	finding.object_name(config), " is bound to it, but the controller rejects it: ", reason,
]) |
	some config in links.rejected
	reason := facts.rejections[[config.namespace, config.name]]
})) if {
	count(links.rejected) > 0
} else := concat("", [
	"no IoTConfig in namespace ",
	links.messaging_infrastructure.namespace,
	" is bound to it",
])

# rebinding: when the fix binds the tenant elsewhere, what it binds it to.
rebinding(facts, namespace, fix) := concat("", ["; ", served_by(facts)]) if {
	fix == iot.rebind(facts, namespace)
} else := ""

served_by(facts) := concat("", [
	finding.object_name(facts.serving), " serves MessagingInfrastructure ", command.ref(facts.target),
]) if {
	facts.serving != null
	facts.target.exists
} else := concat("", ["the IoT infrastructure is to serve MessagingInfrastructure ", command.ref(facts.target)])

condition(status, reason, message) := {
	"type": metadata.condition,
	"status": status,
	"reason": reason,
	"message": message,
}

# failed: a failed condition with its fix.
failed(reason, message, fix) := {
	"condition": condition("False", reason, message),
	"recovery": metadata.recovery,
	"remediation": fix,
}

# phase_reason: the phaseReason of a project whose namespace's condition is `result`: for a failed one, its message,
# that the project must be re-created, and the fix.
phase_reason(result, project) := concat("", [
	result.condition.message,
	". The controller does not retry: after the fix, re-create the project with ",
	command.recreate_project(project),
	". Fix: ",
	result.remediation,
]) if {
	result.condition.status == "False"
} else := result.phaseReason

# unknown_labels: label selectors decide, but the namespace has no Namespace object among the checked objects.
unknown_labels(namespace, links) := {
	"condition": condition("Unknown", "NamespaceLabelsUnknown", message),
	"severity": "warning",
	"remediation": fix,
	"phaseReason": concat("", [message, ". To find out: ", fix]),
} if {
	message := concat("", [
		"Label selectors decide which MessagingInfrastructure serves namespace ", namespace, " (",
		finding.object_name(links.tenant), " has no messagingInfrastructureRef, and no MessagingInfrastructure ",
		"names the namespace in matchNames or serves every namespace), but its labels are unknown: there is no ",
		"Namespace ", namespace, " among the checked objects",
	])
	fix := labels_fix(namespace)
}

labels_fix(namespace) := concat("", [
	"add Namespace ", namespace,
	" (with its labels) to the checked files, or check with --live",
])

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

# findings: a finding for each project whose condition is False (or Unknown for want of labels, a warning); and
# when there is no IoTConfig at all, one more for each project whose own fix does not create it, since it would
# fail after that fix too.
findings(inv) := {f |
	results := {namespace: evaluate(inv, namespace) | some namespace, _ in inv.chains}
	some project in inv.projects
	result := results[project.namespace]
	some f in array.concat(own(project, result), without_iot_config(inv.iot, project, result))
}

own(project, result) := [severity(result, found)] if {
	found := finding.new(metadata, project, result.condition.message, result.remediation)
} else := []

severity(result, found) := finding.warning(found) if {
	result.severity == "warning"
} else := found

without_iot_config(facts, project, result) := [finding.new(metadata, project, message, facts.infrastructure)] if {
	facts.infrastructure != null
	object.get(result, "remediation", "") != facts.infrastructure
	message := concat("", [
		"There is no IoTConfig in the cluster, so ", finding.object_name(project),
		" fails after its other fixes too: no IoT infrastructure serves MessagingInfrastructure ",
		command.ref(facts.target),
	])
} else := []
