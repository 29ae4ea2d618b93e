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
report := {"projects": [status(item) | some item in compact.projects], "findings": compact.findings} if {
	is_array(input.resources)
}

# METADATA
# title: Compact report
# description: |-
#   The report as the plugin reads it (plugin/policy/compact.ts), with what the projects of a namespace share written
#   once: namespaces maps each namespace holding projects to its phase, conditions, chain and recovery; each
#   project is [index, namespace, name, tenant name, phaseReason, recreate command or null]; its addresses are each
#   of addressPrefixes, "/", its tenant name, and its adapter addresses its namespace, "/", each address.
#   `report` is this written out for each project.
# entrypoint: true
compact := {
	"namespaces": namespaces,
	"projects": [entry(p) | some p in inv.projects],
	"addressPrefixes": project.address_prefixes,
	"findings": findings,
} if is_array(input.resources)

inv := inventory.build(input.resources, object.get(input, "parameters", {}))

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

# results: the two conditions the controller sets on the projects of a namespace (SPEC section 2), once per
# namespace holding projects: they depend on the namespace's chain, not on the project.
results[namespace] := [
	requires_tenant.evaluate(inv, namespace),
	requires_iot_infrastructure.evaluate(inv, namespace),
] if {
	some namespace, _ in inv.chains
}

failed(results) := [result | some result in results; result.condition.status == "False"]

# unknown: the conditions that are Unknown for want of what the inventory lacks (a condition that is Unknown because
# an earlier one failed does not count).
unknown(results) := [result | some result in results; result.condition.status == "Unknown"; result.phaseReason]

# namespaces: what the projects of a namespace share: the phase, the conditions, the chain it resolved, and for a
# Failed phase whether the projects recover by themselves.
namespaces[namespace] := object.union(
	{
		"phase": phase(failures, unknown(conditions)),
		"conditions": [result.condition | some result in conditions],
		"chain": chain_refs(links),
	},
	recovery(failures),
) if {
	some namespace, conditions in results
	links := inv.chains[namespace]
	failures := failed(conditions)
}

# entry: a project of the compact report; a project that must be re-created after its fix also gets the command
# that re-creates it.
entry(p) := [p.index, p.namespace, p.name, project.tenant_name(p), phase_reason(p), recreate(p)]

# deciding: the condition that says why the projects of a namespace are in their phase: the first failed one, else
# the first Unknown one; none for Active projects.
deciding[namespace] := array.concat(failed(conditions), unknown(conditions))[0] if {
	some namespace, conditions in results
}

# phase_reason: the deciding condition's phaseReason, worded for the project by the policy that set it.
phase_reason(p) := requires_iot_infrastructure.phase_reason(result, p) if {
	result := deciding[p.namespace]
	result.condition.type == requires_iot_infrastructure.metadata.condition
} else := result.phaseReason if {
	result := deciding[p.namespace]
} else := ""

# status: the status the controller would give a project (SPEC section 2) and the chain it resolved, from its
# entry in the compact report.
status(item) := object.union_n([
	{
		"namespace": namespace,
		"name": name,
		"tenantName": tenant,
		"phase": shared.phase,
		"phaseReason": reason,
		"conditions": shared.conditions,
		"addresses": project.addresses(p),
		"adapterAddresses": project.adapter_addresses(p),
		"chain": shared.chain,
		"index": index,
	},
	object.filter(shared, {"recovery"}),
	optional("recreate", command),
]) if {
	[index, namespace, name, tenant, reason, command] := item
	shared := namespaces[namespace]
	p := {"namespace": namespace, "name": name}
}

optional(_, null) := {}

optional(key, value) := {key: value} if value != null

# phase: Failed when a condition is False; Unknown when one is Unknown for want of what the inventory lacks; else
# Active.
phase([], []) := "Active"

phase(failed, _) := "Failed" if count(failed) > 0

phase([], unknown) := "Unknown" if count(unknown) > 0

recovery([]) := {}

recovery(failed) := {"recovery": "manual"} if {
	some result in failed
	result.recovery == "manual"
} else := {"recovery": "automatic"} if count(failed) > 0

# recreate: the command that re-creates a project, for manual recovery, and for a live project the controller left
# Failed with HasMessagingInfrastructure=False although its preconditions hold now (it does not retry); else null.
recreate(p) := command.recreate_project(p) if {
	namespaces[p.namespace].recovery == "manual"
} else := command.recreate_project(p) if {
	some condition in object.get(p.object, ["status", "conditions"], [])
	condition.type == "HasMessagingInfrastructure"
	condition.status == "False"
} else := null

chain_refs(links) := {key: kinds.ref(links[field]) |
	some key, field in {
		"tenant": "tenant",
		"messagingInfrastructure": "messaging_infrastructure",
		"iotInfrastructure": "iot_infrastructure",
	}
	links[field] != null
}
