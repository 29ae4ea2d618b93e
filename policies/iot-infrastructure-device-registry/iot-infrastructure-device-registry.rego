# METADATA
# title: IoT infrastructure has a device registry
# description: >-
#   An IoTConfig configures exactly one device registry in spec.services.deviceRegistry: an external JDBC server
#   (jdbc.server.external, for example the PostgreSQL instance kubectl iot deploys beside it) or Infinispan.
# custom:
#   id: iot-infrastructure-device-registry
#   severity: error
#   scope: object
#   remediation: >-
#     rewrite the device registry of the IoTConfig to keep in place (kubectl iot create infrastructure --force,
#     which configures the PostgreSQL instance it deploys beside it); an IoTConfig beyond the one to keep is
#     deleted instead (kubectl iot delete iotconfig)
package policies["iot-infrastructure-device-registry"]

import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.iot

metadata := finding.annotations(rego.metadata.chain())

registry_kinds := {"jdbc", "infinispan"}

findings(inv) := {finding.new(metadata, config, concat("", [finding.object_name(config), problem]), remediation) |
	some config in inv.iot_configs
	problem := registry_problem(object.get(config.object, ["spec", "services", "deviceRegistry"], {}))
	fix := command.rewrite_registry({"namespace": config.namespace, "name": iot.binding(config)})
	remediation := iot.config_fix(inv.iot, config, fix)
}

configured(registry) := {kind | some kind, value in registry; kind in registry_kinds; value != null} if {
	is_object(registry)
} else := set()

registry_problem(registry) := concat("", [
	" configures no device registry: set spec.services.deviceRegistry.jdbc.server.external",
	" (an external JDBC server) or spec.services.deviceRegistry.infinispan",
]) if {
	count(configured(registry)) == 0
} else := " configures two device registries (jdbc and infinispan), but exactly one is allowed" if {
	count(configured(registry)) > 1
} else := concat("", [
	" configures a JDBC device registry without a server:",
	" spec.services.deviceRegistry.jdbc.server.external is missing",
]) if {
	configured(registry) == {"jdbc"}
	not is_object(object.get(registry.jdbc, ["server", "external"], null))
}
