# METADATA
# title: Namespace selectors
# description: |-
#   Reads a MessagingInfrastructure's spec.namespaceSelector (matchNames, matchLabels, matchExpressions) and
#   evaluates its label criteria on a namespace's labels.
package policies.lib.selector

# name_label: the label the API server sets on every namespace, to its name.
name_label := "kubernetes.io/metadata.name"

names(selector) := object.get(selector, "matchNames", []) if is_object(selector)

names(selector) := [] if not is_object(selector)

# has_criteria: the selector restricts namespaces at all (a missing or empty one serves every namespace).
has_criteria(selector) if count(names(selector)) > 0

has_criteria(selector) if has_label_criteria(selector)

has_label_criteria(selector) if count(match_labels(selector)) > 0

has_label_criteria(selector) if count(match_expressions(selector)) > 0

match_labels(selector) := object.get(selector, "matchLabels", {}) if is_object(selector)

match_labels(selector) := {} if not is_object(selector)

match_expressions(selector) := object.get(selector, "matchExpressions", []) if is_object(selector)

match_expressions(selector) := [] if not is_object(selector)

# only_name_label: every label criterion of the selector is about the name label, the one label of a namespace
# that is known without its Namespace object.
only_name_label(selector) if {
	every key, _ in match_labels(selector) {
		key == name_label
	}
	every requirement in match_expressions(selector) {
		requirement.key == name_label
	}
}

# labels_match holds when every matchLabels entry and every matchExpressions requirement holds.
labels_match(selector, labels) if {
	every key, value in match_labels(selector) {
		labels[key] == value
	}
	every requirement in match_expressions(selector) {
		holds(requirement, labels)
	}
}

holds(requirement, labels) if {
	requirement.operator == "In"
	has_value_in(requirement, labels)
}

# NotIn also holds when the label is missing, as in Kubernetes label selectors.
holds(requirement, labels) if {
	requirement.operator == "NotIn"
	not has_value_in(requirement, labels)
}

holds(requirement, labels) if {
	requirement.operator == "Exists"
	labels[requirement.key]
}

holds(requirement, labels) if {
	requirement.operator == "DoesNotExist"
	not labels[requirement.key]
}

has_value_in(requirement, labels) if labels[requirement.key] in requirement.values
