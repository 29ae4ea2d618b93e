# METADATA
# title: IoT project requires a messaging tenant
# description: >-
#   An IoTProject needs the MessagingTenant named default in its own namespace. Without it the controller sets
#   HasMessagingTenant=False and phase Failed; the project becomes ready by itself once the tenant exists.
#   A MessagingTenant with another name does not count.
# custom:
#   id: project-requires-messaging-tenant
#   severity: error
#   scope: inventory
#   condition: HasMessagingTenant
#   recovery: automatic
#   remediation: >-
#     create the MessagingTenant named default in the project's namespace with kubectl iot create tenant (each
#     finding names the exact command, with the messaging infrastructure to bind it to when the namespace's
#     selectors would not pick the one the IoT infrastructure serves)
package policies["project-requires-messaging-tenant"]

import data.policies.lib.command
import data.policies.lib.finding

metadata := finding.annotations(rego.metadata.chain())

# evaluate: the HasMessagingTenant condition of the projects of a namespace; when it fails, also the phaseReason,
# recovery and remediation.
evaluate(inv, namespace) := {"condition": {
	"type": metadata.condition,
	"status": "True",
	"reason": "MessagingTenantFound",
	"message": concat("", ["Found MessagingTenant default in namespace ", namespace]),
}} if {
	inv.chains[namespace].tenant != null
} else := {
	"condition": {
		"type": metadata.condition,
		"status": "False",
		"reason": "MessagingTenantNotFound",
		"message": message,
	},
	"recovery": metadata.recovery,
	"remediation": fix,
	"phaseReason": concat("", [
		message,
		". The project becomes ready by itself once the tenant exists. Fix: ",
		fix,
	]),
} if {
	links := inv.chains[namespace]
	message := missing_tenant(namespace, links.ignored_tenants)
	fix := tenant_fix(inv.iot.target, links.selected, namespace)
}

# tenant_fix: a tenant without messagingInfrastructureRef when the namespaceSelectors (on known labels) already
# pick the target messaging infrastructure for the namespace, else one bound to the target.
tenant_fix(target, selected, namespace) := command.create_tenant(namespace) if {
	target.exists
	chosen := selected.infrastructure
	chosen != null
	[chosen.namespace, chosen.name] == [target.namespace, target.name]
} else := command.create_tenant_bound(namespace, target)

missing_tenant(namespace, []) := concat("", ["There is no MessagingTenant named default in namespace ", namespace])

missing_tenant(namespace, ignored) := concat("", [
	"There is no MessagingTenant named default in namespace ",
	namespace,
	"; the controller ignores ",
	finding.names(sort([finding.object_name(t) | some t in ignored])),
	" (only the tenant named default counts)",
]) if {
	count(ignored) > 0
}

# findings: one for each project of a namespace whose condition is False (evaluated once per namespace).
findings(inv) := {finding.new(metadata, project, result.condition.message, result.remediation) |
	results := {namespace: evaluate(inv, namespace) | some namespace, _ in inv.chains}
	some project in inv.projects
	result := results[project.namespace]
	result.condition.status == "False"
}
