package policies.lib.group_test

import data.policies.lib.group

test_by_key_with_unique_keys if {
	group.by_key([["b", 1, "x"], ["a", 0, "y"]]) == {"a": ["y"], "b": ["x"]}
}

test_by_key_with_repeated_keys_keeps_position_order if {
	triples := [["b", 0, "b0"], ["a", 1, "a1"], ["b", 2, "b2"], ["c", 3, "c3"], ["a", 4, "a4"]]
	group.by_key(triples) == {"a": ["a1", "a4"], "b": ["b0", "b2"], "c": ["c3"]}
}

test_by_key_with_array_keys if {
	group.by_key([[["ns", "a"], 1, 1], [["ns", "a"], 0, 0]]) == {["ns", "a"]: [0, 1]}
}

test_by_key_of_nothing if {
	group.by_key([]) == {}
}

test_first_with_unique_keys if {
	group.first([["a", 0, "x"], ["b", 1, "y"]]) == {"a": "x", "b": "y"}
}

test_first_takes_the_lowest_position if {
	group.first([["a", 5, "late"], ["b", 1, "only"], ["a", 2, "early"]]) == {"a": "early", "b": "only"}
}
