# METADATA
# title: IoT infrastructure name
# description: >-
#   The IoTConfig must be named default; the controller reports any other name as Ready=False, reason WrongName.
# custom:
#   id: iot-infrastructure-name
#   severity: error
#   remediation: >-
#     kubectl iot create infrastructure --messaging-infrastructure {infrastructure}{infraNamespaceFlag}
package policies["iot-infrastructure-name"]

import data.policies.lib.finding
import data.policies.lib.inventory

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation) |
	some config in inv.iot_configs
	config.name != "default"
	message := concat("", [
		finding.object_name(config),
		" must be named default: the controller reports The name of the resource must be 'default'",
	])
	remediation := finding.remediation(metadata, {
		"infrastructure": inventory.binding(config),
		"infraNamespaceFlag": finding.infra_namespace_flag(config.namespace),
	})
}
