# METADATA
# title: Fix commands
# description: |-
#   The kubectl iot commands that remediations print, each complete: every namespace given with -n, every
#   reference to an object in another namespace written NAMESPACE/NAME as kubectl writes them. The user appends
#   --gitops-dir DIR or --apply; nothing else is left to fill in.
package policies.lib.command

# ref: NAMESPACE/NAME of an object or of a {namespace, name} reference.
ref(target) := concat("/", [target.namespace, target.name])

# create_tenant: a new MessagingTenant default in the namespace, without messagingInfrastructureRef.
create_tenant(namespace) := concat("", ["kubectl iot create tenant -n ", namespace])

# create_tenant_bound: a new MessagingTenant default bound to a MessagingInfrastructure.
create_tenant_bound(namespace, target) := concat("", [
	create_tenant(namespace),
	" --messaging-infrastructure ", ref(target),
])

# rebind_tenant: the existing MessagingTenant default of the namespace, bound to a MessagingInfrastructure in place.
rebind_tenant(namespace, target) := concat("", [create_tenant_bound(namespace, target), " --force"])

# create_infrastructure: the IoTConfig default in the target's namespace bound to it, with PostgreSQL, and the
# MessagingInfrastructure too when the target ({namespace, name, exists}) does not exist.
create_infrastructure(target) := concat("", [infrastructure(target), " --create-messaging-infrastructure"]) if {
	not target.exists
} else := infrastructure(target)

infrastructure(target) := concat("", ["kubectl iot create infrastructure --messaging-infrastructure ", ref(target)])

# rewrite_registry: the device registry of the IoTConfig in the target's namespace, rewritten in place.
rewrite_registry(target) := concat("", [infrastructure(target), " --force"])

create_messaging_infrastructure(target) := concat("", [
	"kubectl iot create messaging-infrastructure ", target.name,
	" -n ", target.namespace,
])

# rename_iotconfig: an IoTConfig renamed to default; it keeps what it binds to.
rename_iotconfig(config) := concat("", ["kubectl iot rename iotconfig ", config.name, " default -n ", config.namespace])

rename_iotproject(project, name) := concat("", [
	"kubectl iot rename iotproject ", project.name, " ", name,
	" -n ", project.namespace,
])

# rewrite_project: the project in the managed form, in place (spec.downstreamStrategy removed, the rest kept).
rewrite_project(project) := concat("", [
	"kubectl iot create project ", project.name,
	" -n ", project.namespace, " --force",
])

# recreate_project: deletes the project in the cluster and creates it again with the same spec.
recreate_project(project) := concat("", ["kubectl iot recreate project ", project.name, " -n ", project.namespace])

# delete: `kind` is the lower-case kind the command takes (iotconfig, messagingaddress, messagingtenant).
delete(kind, entry) := concat("", ["kubectl iot delete ", kind, " ", entry.name, " -n ", entry.namespace])
