# METADATA
# title: Project address conflict
# description: >-
#   An IoTProject manages the addresses telemetry/, event/, command/ and command_response/<tenant> in its
#   namespace. A MessagingAddress that claims one of them, and that the operator did not create for the project
#   (an ownerReference to the IoTProject), blocks the project.
# custom:
#   id: project-address-conflict
#   severity: error
#   scope: inventory
#   remediation: >-
#     delete the MessagingAddress that claims the project's address (kubectl iot delete messagingaddress); the
#     operator creates the project's own addresses
package policies["project-address-conflict"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.project

metadata := finding.annotations(rego.metadata.chain())

# Walks the addresses rather than the projects: there are usually far fewer of them.
findings(inv) := {finding.new(metadata, claim, message, remediation) |
	some claim in inv.addresses
	some p in claimed_project(inv, claim)
	not owned_by(claim, p)
	message := concat("", [
		finding.object_name(claim), " claims address ", claim.object.spec.address,
		", which ", finding.object_name(p), " manages",
	])
	remediation := command.delete("messagingaddress", claim)
}

# claimed_project: the projects in the address's namespace whose managed address it is: <prefix>/<tenant>.
claimed_project(inv, claim) := [p | some p in inv.projects_by_tenant[tenant]; p.namespace == claim.namespace] if {
	address := claim.object.spec.address
	is_string(address)
	[prefix, tenant] := split(address, "/")
	prefix in project.address_prefixes
}

# owned_by: the operator's own address for the project (an ownerReference to it).
owned_by(claim, p) if {
	some owner in claim.object.metadata.ownerReferences
	owner.kind in {"IoTProject", "IoTTenant"}
	owner.name == p.name
	same_uid(owner, p.object.metadata)
}

same_uid(owner, _) if not owner.uid

same_uid(_, project_metadata) if not project_metadata.uid

same_uid(owner, project_metadata) if owner.uid == project_metadata.uid
