# METADATA
# title: The IoT infrastructure of the cluster
# description: |-
#   What holds for the whole cluster, worked out once per inventory from its IoTConfigs and
#   MessagingInfrastructures alone (no namespace's tenants or projects), so that it can be computed apart
#   from them: the IoTConfig the controller accepts (the serving one: named default, the first by
#   infrastructure namespace, age, namespace and name), why it rejects every other one, the IoTConfig to
#   keep (the serving one, else the first of the wrong-named ones, to be renamed), the MessagingInfrastructure
#   every tenant should reach (the target), and the fixes that create the target, make it served, or create
#   the IoT infrastructure when there is no IoTConfig at all.
package policies.lib.iot

import data.policies.lib.chain
import data.policies.lib.command
import data.policies.lib.finding
import data.policies.lib.group
import data.policies.lib.kinds

# binding: the name of the MessagingInfrastructure (in its own namespace) an IoTConfig binds to.
binding(config) := ref if {
	ref := object.get(config.object, ["spec", "messagingInfrastructureRef"], "")
	is_string(ref)
	ref != ""
} else := config.name

# facts: serving (the IoTConfig that serves, or null), served ([namespace, name] of the MessagingInfrastructure
# it binds to), kept (serving, else the first IoTConfig, which is wrong-named), rejections ([namespace, name] of
# each other IoTConfig -> why the controller rejects it), rejected_for ([namespace, name] of a
# MessagingInfrastructure -> the rejected IoTConfigs bound to it), target ({namespace, name, exists}), and the
# fixes infrastructure (only when there is no IoTConfig), create_target (when the target is missing) and
# serve_target (when nothing serves the target), each null when not needed.
facts(inv) := {
	"serving": serving,
	"served": served(serving),
	"kept": kept,
	"rejections": {identity(c): rejection(c, serving) | some c in rejected},
	"rejected_for": group.by_key([[[c.namespace, binding(c)], c.index, c] | some c in rejected]),
	"target": target,
	"infrastructure": infrastructure,
	"create_target": create_target(target, kept, infrastructure),
	"serve_target": serve_target(serving, kept, infrastructure),
} if {
	serving := first([c | some c in inv.iot_configs; c.name == kinds.default_name], inv.infra_namespace)
	rejected := [c | some c in inv.iot_configs; not same(c, serving)]
	kept := kept_config(inv, serving)
	target := target_of(inv, kept)
	infrastructure := infrastructure_fix(inv, target)
}

identity(config) := [config.namespace, config.name]

same(a, b) if identity(a) == identity(b)

# first: the IoTConfig that wins among these: in the infrastructure namespace, then the oldest, then by
# namespace and name (position only between copies of one object); null for none.
first(configs, infra_namespace) := configs[sort(keys)[0][5]] if {
	keys := [[c.namespace != infra_namespace, chain.age(c), c.namespace, c.name, c.index, i] | some i, c in configs]
	count(keys) > 0
} else := null

kept_config(inv, serving) := serving if {
	serving != null
} else := first(inv.iot_configs, inv.infra_namespace)

served(serving) := [serving.namespace, binding(serving)] if {
	serving != null
} else := null

rejection(config, serving) := concat("", ["its name must be ", kinds.default_name]) if {
	config.name != kinds.default_name
} else := concat("", [
	"it is beyond the singleton (a cluster has one IoTConfig, and ",
	finding.object_name(serving), " is the one that serves)",
])

# target_of: the MessagingInfrastructure the kept IoTConfig binds to; without IoTConfig, the oldest in the
# infrastructure namespace, else the oldest anywhere, else a new one named default in the infrastructure namespace.
target_of(inv, kept) := target(inv, kept.namespace, binding(kept)) if {
	kept != null
} else := target(inv, chosen.namespace, chosen.name) if {
	chosen := chain.best([m | some m in inv.messaging_infrastructures; m.namespace == inv.infra_namespace])
	chosen != null
} else := target(inv, chosen.namespace, chosen.name) if {
	chosen := chain.best(inv.messaging_infrastructures)
	chosen != null
} else := target(inv, inv.infra_namespace, "default")

target(inv, namespace, name) := {"namespace": namespace, "name": name, "exists": exists(inv, namespace, name)}

exists(inv, namespace, name) if {
	inv.messaging_infrastructure_at[[namespace, name]]
} else := false

infrastructure_fix(inv, target) := command.create_infrastructure(target) if {
	count(inv.iot_configs) == 0
} else := null

create_target(target, kept, infrastructure) := null if {
	target.exists
} else := infrastructure if {
	kept == null
} else := command.create_messaging_infrastructure(target)

serve_target(serving, kept, infrastructure) := infrastructure if {
	kept == null
} else := command.rename_iotconfig(kept) if {
	serving == null
} else := null

# kept: the IoTConfig is the one to keep (every other one is to be deleted).
kept(facts, config) if same(config, facts.kept)

# config_fix: for a problem of the kept IoTConfig, `fix`; every other IoTConfig is to be deleted, whatever its
# problem, so that no fix works on an IoTConfig another fix deletes.
config_fix(facts, config, fix) := fix if {
	kept(facts, config)
} else := command.delete("iotconfig", config)

# is_target: a {namespace, name} reference (or entry) names the target MessagingInfrastructure.
is_target(facts, ref) if {
	ref != null
	[ref.namespace, ref.name] == [facts.target.namespace, facts.target.name]
}

# rebind: the fix that binds a namespace's existing MessagingTenant to the target.
rebind(facts, namespace) := command.rebind_tenant(namespace, facts.target)
