package policies["messaging-tenant-name_test"]

import data.policies.lib.testing
import data.policies["messaging-tenant-name"] as policy

test_allowed_default if {
	policy.findings(testing.inv([testing.tenant("ns1", "default")])) == set()
}

test_denied_other_name if {
	tenant := testing.tenant("ns1", "tenant1")
	policy.findings(testing.inv([testing.tenant("ns2", "default"), tenant])) == {{
		"policy": "messaging-tenant-name",
		"severity": "warning",
		"message": concat("", [
			"MessagingTenant ns1/tenant1 is ignored: the controller only reconciles the MessagingTenant named ",
			"default in a namespace",
		]),
		"resource": testing.ref(tenant),
		"remediation": "kubectl iot delete messagingtenant tenant1 -n ns1",
		"index": 1,
	}}
}

# The resource keeps the kind the object was written with; the message names it by the model's kind.
test_denied_messaging_project_alias if {
	project := object.union(testing.tenant("ns1", "mine"), {"kind": "MessagingProject"})
	[[f.resource.kind, f.message] | some f in policy.findings(testing.inv([project]))] == [[
		"MessagingProject",
		concat("", [
			"MessagingTenant ns1/mine is ignored: the controller only reconciles the MessagingTenant named ",
			"default in a namespace",
		]),
	]]
}
