package policies["project-address-conflict_test"]

import data.policies.lib.testing
import data.policies["project-address-conflict"] as policy

iot1 := testing.project("ns1", "iot1")

owned(address, owner) := object.union(address, {"metadata": {"ownerReferences": [owner]}})

finding(address, index) := {
	"policy": "project-address-conflict",
	"severity": "error",
	"message": concat("", [
		"MessagingAddress ns1/", address.metadata.name, " claims address ", address.spec.address,
		", which IoTProject ns1/iot1 manages",
	]),
	"resource": testing.ref(address),
	"remediation": concat("", ["kubectl iot delete messagingaddress ", address.metadata.name, " -n ns1"]),
	"index": index,
}

test_allowed_other_addresses if {
	resources := [
		iot1,
		testing.address("ns1", "a", "telemetry/ns1.iot2"),
		testing.address("ns1", "b", "my-queue"),
		testing.address("ns1", "c", "other/ns1.iot1"),
		testing.address("ns1", "d", "telemetry/ns1.iot1/extra"),
	]
	policy.findings(testing.inv(resources)) == set()
}

test_allowed_same_address_in_another_namespace if {
	policy.findings(testing.inv([iot1, testing.address("ns2", "a", "telemetry/ns1.iot1")])) == set()
}

test_allowed_owned_by_the_project if {
	address := owned(testing.address("ns1", "a", "event/ns1.iot1"), {"kind": "IoTProject", "name": "iot1"})
	policy.findings(testing.inv([iot1, address])) == set()
}

test_allowed_owned_by_the_project_with_matching_uid if {
	project := object.union(iot1, {"metadata": {"uid": "u1"}})
	address := owned(testing.address("ns1", "a", "event/ns1.iot1"), {"kind": "IoTTenant", "name": "iot1", "uid": "u1"})
	policy.findings(testing.inv([project, address])) == set()
}

test_denied_every_managed_address if {
	addresses := [
		testing.address("ns1", "t", "telemetry/ns1.iot1"),
		testing.address("ns1", "e", "event/ns1.iot1"),
		testing.address("ns1", "c", "command/ns1.iot1"),
		testing.address("ns1", "r", "command_response/ns1.iot1"),
	]
	policy.findings(testing.inv(array.concat([iot1], addresses))) == {
		finding(addresses[0], 1),
		finding(addresses[1], 2),
		finding(addresses[2], 3),
		finding(addresses[3], 4),
	}
}

test_denied_owned_by_another_project if {
	address := owned(testing.address("ns1", "a", "telemetry/ns1.iot1"), {"kind": "IoTProject", "name": "iot2"})
	policy.findings(testing.inv([iot1, address])) == {finding(address, 1)}
}

test_denied_owned_by_a_deleted_project_of_the_same_name if {
	project := object.union(iot1, {"metadata": {"uid": "new"}})
	owner := {"kind": "IoTProject", "name": "iot1", "uid": "old"}
	address := owned(testing.address("ns1", "a", "telemetry/ns1.iot1"), owner)
	policy.findings(testing.inv([address, project])) == {finding(address, 0)}
}

test_denied_project_name_with_dots if {
	project := testing.project("ns1", "iot.a")
	address := testing.address("ns1", "a", "command/ns1.iot.a")
	{f.resource.name | some f in policy.findings(testing.inv([project, address]))} == {"a"}
}

test_allowed_owner_uid_when_the_project_has_none if {
	address := owned(testing.address("ns1", "a", "event/ns1.iot1"), {"kind": "IoTProject", "name": "iot1", "uid": "u1"})
	policy.findings(testing.inv([iot1, address])) == set()
}
