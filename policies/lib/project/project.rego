# METADATA
# title: Project names and addresses
# description: The Hono tenant name of an IoT project and the addresses it manages (SPEC section 1).
package policies.lib.project

# The address kinds a project manages, in the order the operator creates them.
address_prefixes := ["telemetry", "event", "command", "command_response"]

tenant_name(project) := concat(".", [project.namespace, project.name])

# addresses: telemetry/<tenant>, event/<tenant>, command/<tenant>, command_response/<tenant>.
addresses(project) := [concat("/", [prefix, tenant_name(project)]) | some prefix in address_prefixes]

# adapter_addresses: the same addresses as protocol adapters use them, prefixed with the namespace (vhost).
adapter_addresses(project) := [concat("/", [project.namespace, address]) | some address in addresses(project)]
