# METADATA
# title: kubectl-iot policy pack
# description: |-
#   The entrypoint of the WebAssembly build. Input: {"parameters": {"infraNamespace": ...}, "resources": [...]}
#   (every parsed document; non-model ones are ignored). The only package that reads input: wrappers for
#   conftest or Gatekeeper call policies.lib.inventory.build and the policies' findings functions instead.
package policies.main

import data.policies.lib.command
import data.policies.lib.inventory
import data.policies.lib.kinds
import data.policies.lib.project

import data.policies["iot-infrastructure-device-registry"] as device_registry
import data.policies["iot-infrastructure-messaging-infrastructure"] as iot_messaging_infrastructure
import data.policies["iot-infrastructure-name"] as iot_name
import data.policies["iot-infrastructure-plaintext-password"] as plaintext_password
import data.policies["iot-infrastructure-singleton"] as singleton
import data.policies["messaging-tenant-name"] as tenant_name
import data.policies["project-address-conflict"] as address_conflict
import data.policies["project-managed-strategy-only"] as managed_strategy
import data.policies["project-name"] as project_name
import data.policies["project-requires-iot-infrastructure"] as requires_iot_infrastructure
import data.policies["project-requires-messaging-tenant"] as requires_tenant

# METADATA
# title: Report
# description: Every IoTProject's status as the controller would set it, and every policy's findings.
# entrypoint: true
report := {"projects": projects, "findings": findings} if is_array(input.resources)

inv := inventory.build(input.resources, object.get(input, "parameters", {}))

projects := [status(inv, p) | some p in inv.projects]

findings := [f |
	some found in [
		requires_tenant.findings(inv),
		requires_iot_infrastructure.findings(inv),
		project_name.findings(inv),
		managed_strategy.findings(inv),
		address_conflict.findings(inv),
		iot_name.findings(inv),
		singleton.findings(inv),
		iot_messaging_infrastructure.findings(inv),
		device_registry.findings(inv),
		plaintext_password.findings(inv),
		tenant_name.findings(inv),
	]
	some f in found
]

# status: the status the controller would give a project (SPEC section 2) and the chain it resolved; a project
# that must be re-created after its fix also gets the command that re-creates it.
status(inv, p) := object.union_n([
	{
		"namespace": p.namespace,
		"name": p.name,
		"tenantName": project.tenant_name(p),
		"phase": phase(failed, unknown),
		"phaseReason": phase_reason(array.concat(failed, unknown)),
		"conditions": [result.condition | some result in results],
		"addresses": project.addresses(p),
		"adapterAddresses": project.adapter_addresses(p),
		"chain": chain_refs(inv.chains[p.namespace]),
		"index": p.index,
	},
	recovery(failed),
	recreate(p, failed),
]) if {
	results := [requires_tenant.evaluate(inv, p), requires_iot_infrastructure.evaluate(inv, p)]
	failed := [result | some result in results; result.condition.status == "False"]
	unknown := [result | some result in results; result.condition.status == "Unknown"; result.phaseReason]
}

# phase: Failed when a condition is False; Unknown when one is Unknown for want of what the inventory lacks (a
# condition that is Unknown because an earlier one failed does not count); else Active.
phase([], []) := "Active"

phase(failed, _) := "Failed" if count(failed) > 0

phase([], unknown) := "Unknown" if count(unknown) > 0

phase_reason([]) := ""

phase_reason(results) := results[0].phaseReason if count(results) > 0

recovery([]) := {}

recovery(failed) := {"recovery": "manual"} if {
	some result in failed
	result.recovery == "manual"
} else := {"recovery": "automatic"} if count(failed) > 0

# recreate: the command that re-creates a project, for manual recovery, and for a live project the controller left
# Failed with HasMessagingInfrastructure=False although its preconditions hold now (it does not retry).
recreate(p, failed) := {"recreate": command.recreate_project(p)} if {
	recovery(failed).recovery == "manual"
} else := {"recreate": command.recreate_project(p)} if {
	some condition in object.get(p.object, ["status", "conditions"], [])
	condition.type == "HasMessagingInfrastructure"
	condition.status == "False"
} else := {}

chain_refs(links) := {key: kinds.ref(links[field]) |
	some key, field in {
		"tenant": "tenant",
		"messagingInfrastructure": "messaging_infrastructure",
		"iotInfrastructure": "iot_infrastructure",
	}
	links[field] != null
}
