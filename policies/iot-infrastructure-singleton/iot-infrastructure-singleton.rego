# METADATA
# title: One IoT infrastructure per cluster
# description: >-
#   A cluster has at most one IoTConfig. When there are several, the one to keep is the one the controller
#   accepts: named default, in the infrastructure namespace first, then the oldest, then by namespace and name
#   (when none is named default, the first of the others by the same order, to be renamed); every other one is
#   reported, and serves no project.
# custom:
#   id: iot-infrastructure-singleton
#   severity: error
#   scope: inventory
#   remediation: delete every IoTConfig but the one to keep (kubectl iot delete iotconfig)
package policies["iot-infrastructure-singleton"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.iot

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation) |
	identities := {[c.namespace, c.name] | some c in inv.iot_configs}
	count(identities) > 1
	kept := inv.iot.kept
	some config in inv.iot_configs
	not iot.kept(inv.iot, config)
	message := concat("", [
		finding.object_name(config), " is one of ", format_int(count(identities), 10),
		" IoTConfigs, but a cluster has at most one (keep ", finding.object_name(kept), ")",
	])
	remediation := command.delete("iotconfig", config)
}
