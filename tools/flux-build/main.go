// flux-build builds a folder as Flux's kustomize-controller does, for the tests: fluxcd/pkg/kustomize's generator
// merges a Flux Kustomization's fields (targetNamespace, namePrefix, nameSuffix, patches, components, images) into
// the folder's kustomization, or writes one for a plain folder, then builds it with kustomize. It works on a copy of
// the repository, since the generator writes into the folder it builds.
//
// Usage: flux-build ROOT KUSTOMIZATION_FILE: the built objects, as YAML, on stdout; an error on stderr, exit 1.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/fluxcd/pkg/kustomize"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: flux-build ROOT KUSTOMIZATION_FILE")
		os.Exit(2)
	}
	out, err := build(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}

func build(root, file string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var object map[string]interface{}
	if err := yaml.Unmarshal(data, &object); err != nil {
		return nil, err
	}
	ks := unstructured.Unstructured{Object: object}
	path, _, _ := unstructured.NestedString(object, "spec", "path")
	work, err := os.MkdirTemp("", "flux-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	if err := copyTree(root, work); err != nil {
		return nil, err
	}
	dir := filepath.Join(work, path)
	if _, err := kustomize.NewGenerator(work, ks).WriteFile(dir); err != nil {
		return nil, err
	}
	resources, err := kustomize.SecureBuild(work, dir, false)
	if err != nil {
		return nil, err
	}
	return resources.AsYaml()
}

// copyTree copies the files and folders of from into to (links as the files they name; .git left out).
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if entry.IsDir() {
			if entry.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
