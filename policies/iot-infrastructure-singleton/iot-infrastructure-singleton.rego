# METADATA
# title: One IoT infrastructure per cluster
# description: >-
#   A cluster has at most one IoTConfig. When there are several, the one to keep is the IoTConfig named default
#   in the infrastructure namespace, else the oldest; every other one is reported.
# custom:
#   id: iot-infrastructure-singleton
#   severity: error
#   remediation: kubectl delete iotconfig {name} -n {namespace}
package policies["iot-infrastructure-singleton"]

import data.policies.lib.chain
import data.policies.lib.finding

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation) |
	identities := {[c.namespace, c.name] | some c in inv.iot_configs}
	count(identities) > 1
	kept := kept_config(inv)
	some config in inv.iot_configs
	[config.namespace, config.name] != [kept.namespace, kept.name]
	message := concat("", [
		finding.object_name(config), " is one of ", format_int(count(identities), 10),
		" IoTConfigs, but a cluster has at most one (keep ", finding.object_name(kept), ")",
	])
	remediation := finding.remediation(metadata, {"namespace": config.namespace, "name": config.name})
}

kept_config(inv) := inv.iot_configs[sort(candidates)[0][4]] if {
	candidates := [[[c.name, c.namespace] != ["default", inv.infra_namespace], chain.age(c), c.namespace, c.name, i] |
		some i, c in inv.iot_configs
	]
}
