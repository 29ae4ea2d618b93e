package main

// Flux's custom health checks: a Kustomization's spec.healthCheckExprs turned into a status reader by
// fluxcd/pkg/runtime/cel, as kustomize-controller does, and read on each object. The reader picks the check
// by group and kind, applies Flux's own observedGeneration rule (RFC 0009), then inProgress, failed, current;
// an evaluation error is Unknown, which Flux treats as not ready yet.

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/fluxcd/pkg/apis/kustomize"
	fluxcel "github.com/fluxcd/pkg/runtime/cel"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

type fluxRequest struct {
	HealthCheckExprs []kustomize.CustomHealthCheck `json:"healthCheckExprs"`
	Objects          []json.RawMessage             `json:"objects"`
}

func runFlux(input []byte) ([][]Verdict, error) {
	var requests []fluxRequest
	if err := json.Unmarshal(input, &requests); err != nil {
		return nil, fmt.Errorf("stdin is not a JSON array of {healthCheckExprs, objects}: %w", err)
	}
	ctx := context.Background()
	results := make([][]Verdict, len(requests))
	for i, request := range requests {
		newReader, err := fluxcel.NewStatusReader(request.HealthCheckExprs)
		if err != nil {
			return nil, fmt.Errorf("request %d: %w", i, err)
		}
		// The mapper is only used to look objects up in a cluster; these are given.
		reader := newReader(nil)
		results[i] = []Verdict{}
		for _, raw := range request.Objects {
			object, err := decodeObject(raw)
			if err != nil {
				return nil, err
			}
			status, err := reader.ReadStatusForObject(ctx, nil, &unstructured.Unstructured{Object: object})
			if err != nil {
				// No check for the object's group and kind: kustomize-controller would use kstatus instead.
				results[i] = append(results[i], Verdict{Status: "NotChecked", Message: err.Error()})
				continue
			}
			verdict := Verdict{Status: string(status.Status), Message: status.Message}
			if status.Error != nil {
				verdict.Message, verdict.Error = status.Error.Error(), true
			}
			results[i] = append(results[i], verdict)
		}
	}
	return results, nil
}
