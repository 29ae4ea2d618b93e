# METADATA
# title: IoT infrastructure binds to an existing messaging infrastructure
# description: >-
#   An IoTConfig binds to the MessagingInfrastructure named by spec.messagingInfrastructureRef (default: the
#   IoTConfig's own name) in its own namespace, which must exist; the controller otherwise reports
#   Reconciled=False, reason ConfigurationFailed.
# custom:
#   id: iot-infrastructure-messaging-infrastructure
#   severity: error
#   remediation: >-
#     kubectl iot create infrastructure --messaging-infrastructure {infrastructure}{infraNamespaceFlag}
package policies["iot-infrastructure-messaging-infrastructure"]

import data.policies.lib.chain
import data.policies.lib.finding
import data.policies.lib.inventory

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation) |
	some config in inv.iot_configs
	wanted := inventory.binding(config)
	not inv.messaging_infrastructure_at[[config.namespace, wanted]]
	message := concat("", [
		finding.object_name(config), " binds to MessagingInfrastructure ", wanted,
		", which does not exist: Unable to find MessagingInfrastructure named '", wanted,
		"' in namespace '", config.namespace, "'",
	])
	remediation := finding.remediation(metadata, {
		"infrastructure": replacement(inv, config.namespace),
		"infraNamespaceFlag": finding.infra_namespace_flag(config.namespace),
	})
}

# replacement: the oldest MessagingInfrastructure in the namespace to bind to instead, NAME when there is none.
replacement(inv, namespace) := chosen.name if {
	chosen := chain.best([m | some m in inv.messaging_infrastructures; m.namespace == namespace])
	chosen != null
} else := "NAME"
