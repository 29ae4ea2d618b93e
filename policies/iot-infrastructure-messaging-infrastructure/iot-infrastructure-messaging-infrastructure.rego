# METADATA
# title: IoT infrastructure binds to an existing messaging infrastructure
# description: >-
#   An IoTConfig binds to the MessagingInfrastructure named by spec.messagingInfrastructureRef (default: the
#   IoTConfig's own name) in its own namespace, which must exist; the controller otherwise reports
#   Reconciled=False, reason ConfigurationFailed.
# custom:
#   id: iot-infrastructure-messaging-infrastructure
#   severity: error
#   scope: inventory
#   remediation: >-
#     create the MessagingInfrastructure the IoTConfig to keep binds to (kubectl iot create messaging-infrastructure);
#     an IoTConfig beyond the one to keep is deleted instead (kubectl iot delete iotconfig)
package policies["iot-infrastructure-messaging-infrastructure"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.iot

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation) |
	some config in inv.iot_configs
	wanted := iot.binding(config)
	not inv.messaging_infrastructure_at[[config.namespace, wanted]]
	message := concat("", [
		finding.object_name(config), " binds to MessagingInfrastructure ", wanted,
		", which does not exist: Unable to find MessagingInfrastructure named '", wanted,
		"' in namespace '", config.namespace, "'",
	])
	fix := command.create_messaging_infrastructure({"namespace": config.namespace, "name": wanted})
	remediation := iot.config_fix(inv.iot, config, fix)
}
