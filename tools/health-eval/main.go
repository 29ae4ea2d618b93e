// Command health-eval runs the project's GitOps health checks in the evaluators Argo CD and Flux use, so the
// tests hold the shipped checks to the real runtimes instead of stand-ins:
//
//	health-eval argocd < requests.json   Lua health scripts in gopher-lua, sandboxed as Argo CD runs argocd-cm ones
//	health-eval flux   < requests.json   healthCheckExprs through fluxcd/pkg/runtime/cel, as kustomize-controller
//	health-eval argo-glob < requests.json  Argo CD directory include/exclude globs through gobwas/glob, as its reposerver
//
// stdin is a JSON array of requests, each with many objects; stdout is a JSON array holding, per request, one
// verdict per object, in order. One process serves every sample, which keeps the test suites fast.
// Bad input: one line on stderr and exit 2.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	utiljson "k8s.io/apimachinery/pkg/util/json"
)

// Verdict is one object's health as the engine reports it.
type Verdict struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
	// Error: the status comes from a failed evaluation (the script or expression erred), not from the check.
	Error bool `json:"error,omitempty"`
}

const usage = "usage: health-eval argocd|flux|argo-glob < requests.json (a JSON array of requests; see tools/health-eval/README.md)"

func main() {
	if len(os.Args) != 2 {
		fail(usage)
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail("reading stdin: " + err.Error())
	}
	var results any
	switch os.Args[1] {
	case "argocd":
		results, err = runArgoCD(input)
	case "flux":
		results, err = runFlux(input)
	case "argo-glob":
		results, err = runArgoGlob(input)
	default:
		fail(fmt.Sprintf("unknown command %q; %s", os.Args[1], usage))
	}
	if err != nil {
		fail(err.Error())
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fail("writing stdout: " + err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "health-eval: "+message)
	os.Exit(2)
}

// decodeObject reads one object the way the API server's JSON decoder (and so the controllers' clients) does:
// integers become int64, other numbers float64. Flux's observedGeneration check only reads int64 values.
func decodeObject(raw json.RawMessage) (map[string]any, error) {
	var object map[string]any
	if err := utiljson.Unmarshal(raw, &object); err != nil {
		return nil, fmt.Errorf("an object is not a JSON object: %w", err)
	}
	return object, nil
}
