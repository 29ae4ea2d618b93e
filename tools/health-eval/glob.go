package main

import (
	"encoding/json"
	"fmt"

	"github.com/gobwas/glob"
)

// GlobRequest is one Argo CD directory glob and the paths to match against it.
type GlobRequest struct {
	Pattern string   `json:"pattern"`
	Paths   []string `json:"paths"`
}

// GlobResult says whether the pattern compiled, and for each path whether it matched: null where gobwas/glob
// panicked (v0.2.3 slices some multi-byte texts out of range), which fails Argo CD's manifest generation.
type GlobResult struct {
	Compiled bool    `json:"compiled"`
	Matches  []*bool `json:"matches"`
}

// runArgoGlob matches as Argo CD's reposerver matches directory.include and .exclude: util/glob.Match, that is
// gobwas/glob compiled without separators; a pattern that does not compile matches nothing.
func runArgoGlob(input []byte) ([]GlobResult, error) {
	var requests []GlobRequest
	if err := json.Unmarshal(input, &requests); err != nil {
		return nil, fmt.Errorf("stdin: %w", err)
	}
	results := make([]GlobResult, len(requests))
	for i, request := range requests {
		matches := make([]*bool, len(request.Paths))
		compiled, err := glob.Compile(request.Pattern)
		for j, path := range request.Paths {
			if err != nil {
				matches[j] = new(bool)
			} else {
				matches[j] = match(compiled, path)
			}
		}
		results[i] = GlobResult{Compiled: err == nil, Matches: matches}
	}
	return results, nil
}

func match(compiled glob.Glob, path string) (result *bool) {
	defer func() {
		if recover() != nil {
			result = nil
		}
	}()
	matched := compiled.Match(path)
	return &matched
}
