# METADATA
# title: Messaging tenant name
# description: >-
#   The controller only reconciles the MessagingTenant named default in a namespace; a tenant with another
#   name is ignored, and IoT projects beside it find no tenant.
# custom:
#   id: messaging-tenant-name
#   severity: warning
#   scope: object
#   remediation: >-
#     delete the MessagingTenant (kubectl iot delete messagingtenant): the controller ignores it; the namespace's
#     projects need the MessagingTenant named default
package policies["messaging-tenant-name"]

import data.policies.lib.command
import data.policies.lib.finding

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, tenant, message, remediation) |
	some tenant in inv.tenants
	tenant.name != "default"
	remediation := command.delete("messagingtenant", tenant)
	message := concat("", [
		finding.object_name(tenant),
		" is ignored: the controller only reconciles the MessagingTenant named default in a namespace",
	])
}
