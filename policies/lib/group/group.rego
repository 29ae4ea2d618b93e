# METADATA
# title: Grouping
# description: |-
#   Groups values by key. The WebAssembly target has no comprehension index, so a nested scan ("all values
#   with this key") is quadratic; this stays linear when keys are unique (the usual case) and falls back to
#   one sort otherwise (OPA's WebAssembly sort is an insertion sort: linear on input that is already grouped
#   by key, as files and kustomize output are).
package policies.lib.group

# by_key maps each key of an array of [key, position, value] triples to the array of its values, in
# position order. Positions must be unique numbers, so that sorting never compares the values.
by_key(triples) := {key: [value] | some [key, _, value] in triples} if {
	count({key | some [key, _, _] in triples}) == count(triples)
} else := by_key_sorted(sort(triples))

# first maps each key of an array of [key, position, value] triples to its value of the lowest position.
first(triples) := {key: value | some [key, _, value] in triples} if {
	count({key | some [key, _, _] in triples}) == count(triples)
} else := {key: values[0] | some key, values in by_key_sorted(sort(triples))}

by_key_sorted(sorted) := {sorted[start][0]: values(sorted, start, ends[i]) | some i, start in starts} if {
	starts := [i | some i, _ in sorted; starts_group(sorted, i)]
	ends := array.concat(array.slice(starts, 1, count(starts)), [count(sorted)])
}

starts_group(_, 0)

starts_group(sorted, i) if sorted[i - 1][0] != sorted[i][0]

values(sorted, start, end) := [value | some [_, _, value] in array.slice(sorted, start, end)]
