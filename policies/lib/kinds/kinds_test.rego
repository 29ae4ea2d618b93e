package policies.lib.kinds_test

import data.policies.lib.kinds

test_canonical_kinds_of_any_version_of_their_group if {
	kinds.canonical("iot.enmasse.io/v1alpha1", "IoTConfig") == "IoTConfig"
	kinds.canonical("iot.enmasse.io/v1alpha1", "IoTProject") == "IoTProject"
	kinds.canonical("iot.enmasse.io/v1", "IoTProject") == "IoTProject"
	kinds.canonical("enmasse.io/v1", "MessagingInfrastructure") == "MessagingInfrastructure"
	kinds.canonical("enmasse.io/v1beta2", "MessagingTenant") == "MessagingTenant"
	kinds.canonical("enmasse.io/v1", "MessagingAddress") == "MessagingAddress"
	kinds.canonical("v1", "Namespace") == "Namespace"
}

test_aliases if {
	kinds.canonical("enmasse.io/v1", "MessagingProject") == "MessagingTenant"
	kinds.canonical("iot.enmasse.io/v1", "IoTInfrastructure") == "IoTConfig"
	kinds.canonical("iot.enmasse.io/v1", "IoTTenant") == "IoTProject"
}

test_other_objects_are_not_in_the_model if {
	not kinds.canonical("v1", "ConfigMap")
	not kinds.canonical("iot.enmasse.io/v1alpha1", "MessagingTenant")
	not kinds.canonical("example.com/v1", "IoTProject")
	not kinds.canonical("enmasse.io/v1beta1", "MessagingProject")
	not kinds.canonical("iot.enmasse.io/v1alpha1", "IoTTenant")
	not kinds.canonical("apps/v1", "Namespace")
}

test_ref_of_namespaced_and_cluster_objects if {
	tenant := {"apiVersion": "enmasse.io/v1", "kind": "MessagingProject"}
	kinds.ref({"namespace": "ns1", "name": "t", "object": tenant}) == {
		"apiVersion": "enmasse.io/v1",
		"kind": "MessagingProject",
		"namespace": "ns1",
		"name": "t",
	}
	kinds.ref({"namespace": "", "name": "ns1", "object": {"apiVersion": "v1", "kind": "Namespace"}}) == {
		"apiVersion": "v1",
		"kind": "Namespace",
		"name": "ns1",
	}
}

test_cluster_level_kinds_are_kinds_of_the_model if {
	count(kinds.cluster_level) > 0
	every kind in kinds.cluster_level {
		kinds.group_prefixes[kind]
	}
}
