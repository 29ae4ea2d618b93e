# METADATA
# title: IoT infrastructure name
# description: >-
#   The IoTConfig must be named default; the controller reports any other name as Ready=False, reason WrongName,
#   and the IoTConfig serves no project.
# custom:
#   id: iot-infrastructure-name
#   severity: error
#   scope: object
#   remediation: >-
#     when no IoTConfig is named default, rename the one to keep to default (kubectl iot rename iotconfig, which
#     keeps what it binds to); delete every other one (kubectl iot delete iotconfig)
package policies["iot-infrastructure-name"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.iot

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation) |
	some config in inv.iot_configs
	config.name != "default"
	message := concat("", [
		finding.object_name(config),
		" must be named default: the controller reports The name of the resource must be 'default'",
	])
	remediation := iot.config_fix(inv.iot, config, command.rename_iotconfig(config))
}
