# METADATA
# title: IoT project name
# description: >-
#   An IoTProject's metadata.name must be a DNS-1123 subdomain, and its Hono tenant name <namespace>.<name>
#   must match ^[a-zA-Z0-9-_.]+$ and have at most 256 characters (the JDBC device registry's VARCHAR(256)).
# custom:
#   id: project-name
#   severity: error
#   scope: object
#   remediation: >-
#     rename the IoTProject (kubectl iot rename iotproject) to a lower-case DNS-1123 subdomain short enough for its
#     tenant name; each finding names the new name, derived from the old one
package policies["project-name"]

import data.policies.lib.finding
import data.policies.lib.project

metadata := finding.annotations(rego.metadata.chain())

# The patterns the Kyverno export restates.
subdomain := project.subdomain

tenant_pattern := project.tenant_pattern

findings(inv) := {finding.new(metadata, p, message, fix(inv, p)) |
	some p in inv.invalid_projects
	message := problem(p)
}

fix(inv, p) := project.rename(inv, p) if {
	project.rename(inv, p)
} else := "give the IoTProject a metadata.name in its file" if {
	p.name == ""
} else := concat("", [
	"the namespace ", p.namespace, " makes the tenant name invalid: create the project in a namespace whose name ",
	"matches ", tenant_pattern,
])

# problem: what is wrong with a project's name, the first problem only (one cause, one finding).
problem(p) := concat("", [finding.object_name(p), " has no metadata.name"]) if {
	p.name == ""
} else := concat("", [
	finding.object_name(p), ": metadata.name has ", format_int(count(p.name), 10),
	" characters, at most ", format_int(project.max_name, 10), " are allowed",
]) if {
	count(p.name) > project.max_name
} else := concat("", [
	finding.object_name(p), ": metadata.name must be ", project.subdomain_rule,
]) if {
	not regex.match(subdomain, p.name)
} else := concat("", [
	finding.object_name(p), ": its tenant name ", project.tenant_name(p),
	" must match ", tenant_pattern,
]) if {
	not regex.match(tenant_pattern, project.tenant_name(p))
} else := concat("", [
	finding.object_name(p), ": its tenant name <namespace>.<name> has ", format_int(count(project.tenant_name(p)), 10),
	" characters, at most ", format_int(project.max_tenant, 10),
	" are allowed (the JDBC device registry stores it in VARCHAR(", format_int(project.max_tenant, 10), "))",
]) if {
	count(project.tenant_name(p)) > project.max_tenant
}
