# METADATA
# title: Project names and addresses
# description: |-
#   The Hono tenant name of an IoT project, the addresses it manages (SPEC section 1), whether its name is
#   valid, and the valid name a project with an invalid one is renamed to.
package policies.lib.project

import data.policies.lib.command
import data.policies.lib.group

# The address kinds a project manages, in the order the operator creates them.
address_prefixes := ["telemetry", "event", "command", "command_response"]

# subdomain, subdomain_rule, tenant_pattern, max_name, max_tenant: model.rego, generated from plugin/model/names.ts.

tenant_name(project) := concat(".", [project.namespace, project.name])

# addresses: telemetry/<tenant>, event/<tenant>, command/<tenant>, command_response/<tenant>.
addresses(project) := [concat("/", [prefix, tenant_name(project)]) | some prefix in address_prefixes]

# adapter_addresses: the same addresses as protocol adapters use them, prefixed with the namespace (vhost).
adapter_addresses(project) := [concat("/", [project.namespace, address]) | some address in addresses(project)]

# invalid: the projects whose name is not a DNS-1123 subdomain or whose tenant name is not a valid Hono tenant id.
# Each distinct name and namespace is matched once, not each project: in the WebAssembly build a regex.match
# costs about a compilation of its pattern (10,000 projects: two matches each were a sixth of evaluating them).
# tenant_pattern is one character class repeated, so <namespace>.<name> matches it when the name is a subdomain
# (whose characters it allows) and "<namespace>." matches it.
invalid(projects) := [p | some p in projects; not valid_name(p, subdomains, tenant_namespaces)] if {
	subdomains := {name | some name in {p.name | some p in projects}; regex.match(subdomain, name)}
	tenant_namespaces := {namespace |
		some namespace in {p.namespace | some p in projects}
		regex.match(tenant_pattern, concat("", [namespace, "."]))
	}
}

valid_name(project, subdomains, tenant_namespaces) if {
	# Indexing, not `in`: the WebAssembly build's `in` walks the whole set.
	subdomains[project.name]
	tenant_namespaces[project.namespace]
	count(project.name) <= max_name
	count(tenant_name(project)) <= max_tenant
}

# renames: [namespace, old name] -> the new name of every project with an invalid name (`invalid`) that
# renaming mends (it has a name, and the mended name differs: a valid name in a namespace whose name makes the
# tenant name invalid does not). Worked out once: projects of one namespace whose
# names mend to the same name get it in the order of their old names, then with -2, -3, ... appended, skipping
# names another project of the namespace has, and names whose addresses a MessagingAddress there claims.
renames(inv, invalid) := {[namespace, old]: name |
	some [namespace, base], olds in group.by_key([[[p.namespace, mended(p)], p.index, p.name] |
		some p in invalid
		p.name != ""
		mended(p) != p.name
	])
	distinct := sort({old | some old in olds})
	names := free_names(inv, claimed, namespace, base, count(distinct))
	some i, old in distinct
	name := names[i]
} if {
	claimed := {[a.namespace, a.object.spec.address] | some a in inv.addresses}
}

# free_names: the first `wanted` names of base, base-2, base-3, ... that are free in the namespace. The usual case,
# one project whose mended name is free, tries no other name (the WebAssembly build pays for every one).
free_names(inv, claimed, namespace, base, 1) := [base] if {
	not taken(inv, claimed, namespace, base)
} else := names(inv, claimed, namespace, base, 1)

free_names(inv, claimed, namespace, base, wanted) := names(inv, claimed, namespace, base, wanted) if wanted > 1

names(inv, claimed, namespace, base, wanted) := [name |
	longest := limit(namespace)
	some n in numbers.range(1, wanted + 16)
	name := numbered(base, n, longest)
	not taken(inv, claimed, namespace, name)
]

taken(inv, _, namespace, name) if {
	some p in object.get(inv.projects_by_tenant, concat(".", [namespace, name]), [])
	p.namespace == namespace
}

taken(_, claimed, namespace, name) if {
	some address in addresses({"namespace": namespace, "name": name})
	[namespace, address] in claimed
}

numbered(base, 1, _) := base

numbered(base, n, limit) := concat("", [cut(base, limit - count(suffix)), suffix]) if {
	n > 1
	suffix := concat("", ["-", format_int(n, 10)])
}

# limit: the longest name a project of the namespace can have (metadata.name, and <namespace>.<name> as tenant).
limit(namespace) := min([max_name, (max_tenant - count(namespace)) - 1])

# mended: lower case, each run of other characters than a-z, 0-9, '.' and '-' made one '-', each dot-separated
# part trimmed of '-' (empty parts dropped), cut to the namespace's limit; "project" when nothing is left.
mended(p) := cut(concat(".", parts), limit(p.namespace)) if {
	dashed := concat("-", regex.split(`[^a-z0-9.-]+`, lower(p.name)))
	parts := [part | some piece in split(dashed, "."); part := trim(piece, "-"); part != ""]
}

cut(name, length) := trimmed if {
	trimmed := trim(substring(name, 0, length), "-.")
	trimmed != ""
} else := "project"

# rename: the fix of a project with an invalid name, when renaming mends it.
rename(inv, project) := command.rename_iotproject(project, name) if {
	name := inv.project_renames[[project.namespace, project.name]]
}
