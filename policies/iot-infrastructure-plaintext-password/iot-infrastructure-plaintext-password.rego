# METADATA
# title: Plain-text database password
# description: >-
#   IoTConfig takes its database passwords as plain strings (there is no secret reference), so a password
#   written into the manifest lands in Git with it.
# custom:
#   id: iot-infrastructure-plaintext-password
#   severity: warning
#   scope: object
#   remediation: >-
#     keep the password out of Git: leave it empty in the repository and set it at deploy time
#     (for example a kustomize replacement from a Secret created in the cluster)
package policies["iot-infrastructure-plaintext-password"]

import data.policies.lib.finding

metadata := finding.annotations(rego.metadata.chain())

findings(inv) := {finding.new(metadata, config, message, remediation(field)) |
	some config in inv.iot_configs
	[path, value] := walk(config.object.spec)
	path[count(path) - 1] == "password"
	is_string(value)
	value != ""
	field := concat(".", array.concat(["spec"], [segment(s) | some s in path]))
	message := concat("", [finding.object_name(config), " has a plain-text password in ", field])
}

remediation(field) := concat("", [
	"keep ", field, " out of Git: leave it empty in the repository and set it at deploy time",
	" (for example a kustomize replacement from a Secret created in the cluster)",
])

segment(s) := s if is_string(s)

segment(s) := format_int(s, 10) if is_number(s)
