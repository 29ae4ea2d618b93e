# METADATA
# title: IoT project name
# description: >-
#   An IoTProject's metadata.name must be a DNS-1123 subdomain, and its Hono tenant name <namespace>.<name>
#   must match ^[a-zA-Z0-9-_.]+$ and have at most 256 characters (the JDBC device registry's VARCHAR(256)).
# custom:
#   id: project-name
#   severity: error
#   remediation: kubectl iot create project NEW_NAME -n {namespace}
package policies["project-name"]

import data.policies.lib.finding
import data.policies.lib.project

metadata := finding.annotations(rego.metadata.chain())

subdomain := `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`

tenant_pattern := `^[-a-zA-Z0-9_.]+$`

findings(inv) := {finding.new(metadata, p, message, finding.remediation(metadata, {"namespace": p.namespace})) |
	some p in inv.projects
	message := problem(p)
}

# problem: what is wrong with a project's name, the first problem only (one cause, one finding).
problem(p) := concat("", [finding.object_name(p), " has no metadata.name"]) if {
	p.name == ""
} else := concat("", [
	finding.object_name(p), ": metadata.name has ", format_int(count(p.name), 10),
	" characters, at most 253 are allowed",
]) if {
	count(p.name) > 253
} else := concat("", [
	finding.object_name(p), ": metadata.name must be a DNS-1123 subdomain",
	" (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)",
]) if {
	not regex.match(subdomain, p.name)
} else := concat("", [
	finding.object_name(p), ": its tenant name ", project.tenant_name(p),
	" must match ", tenant_pattern,
]) if {
	not regex.match(tenant_pattern, project.tenant_name(p))
} else := concat("", [
	finding.object_name(p), ": its tenant name <namespace>.<name> has ", format_int(count(project.tenant_name(p)), 10),
	" characters, at most 256 are allowed (the JDBC device registry stores it in VARCHAR(256))",
]) if {
	count(project.tenant_name(p)) > 256
}
