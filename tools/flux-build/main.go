// flux-build builds a folder as Flux's kustomize-controller does, for the tests: fluxcd/pkg/kustomize's generator
// merges a Flux Kustomization's fields (targetNamespace, namePrefix, nameSuffix, patches, components, images) into
// the folder's kustomization, or writes one for a plain folder, then builds it with kustomize. It works on a copy of
// the repository, since the generator writes into the folder it builds. The copy is what source-controller puts in
// a GitRepository's artifact: regular files only, less those its ignore patterns leave out (fluxcd/pkg/sourceignore:
// every .sourceignore and the GitRepository's spec.ignore, or the default exclusions when there are none).
//
// Usage:
//
//	flux-build ROOT KUSTOMIZATION_FILE [SPEC_IGNORE_FILE]: the built objects, as YAML, on stdout
//	flux-build --left-out ROOT [SPEC_IGNORE_FILE]: the files (relative, sorted) the artifact leaves out
//
// SPEC_IGNORE_FILE holds the GitRepository's spec.ignore. An error goes to stderr, exit 1.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/fluxcd/pkg/kustomize"
	"github.com/fluxcd/pkg/sourceignore"
	"github.com/fluxcd/pkg/sourceignore/gitignore"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

func main() {
	args := os.Args[1:]
	leftOutMode := len(args) > 0 && args[0] == "--left-out"
	if leftOutMode {
		args = args[1:]
	}
	need := 2
	if leftOutMode {
		need = 1
	}
	if len(args) != need && len(args) != need+1 {
		fmt.Fprintln(os.Stderr, "usage: flux-build ROOT KUSTOMIZATION_FILE [SPEC_IGNORE_FILE] | --left-out ROOT [SPEC_IGNORE_FILE]")
		os.Exit(2)
	}
	ignore := ""
	if len(args) == need+1 {
		data, err := os.ReadFile(args[need])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		ignore = string(data)
	}
	var out []byte
	var err error
	if leftOutMode {
		out, err = leftOut(args[0], ignore)
	} else {
		out, err = build(args[0], args[1], ignore)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}

// artifactFilter is source-controller's filter for a GitRepository at root: true for a path it leaves out.
func artifactFilter(root, ignore string) (func(path string, isDir bool) bool, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	domain := strings.Split(abs, string(filepath.Separator))
	ps, err := sourceignore.LoadIgnorePatterns(abs, domain)
	if err != nil {
		return nil, err
	}
	if ignore != "" {
		ps = append(ps, sourceignore.ReadPatterns(strings.NewReader(ignore), domain)...)
	}
	matcher := sourceignore.NewDefaultMatcher(ps, domain)
	if len(ps) > 0 {
		matcher = gitignore.NewMatcher(append(sourceignore.VCSPatterns(domain), ps...))
	}
	return func(path string, isDir bool) bool {
		full, _ := filepath.Abs(path)
		return matcher.Match(strings.Split(full, string(filepath.Separator)), isDir)
	}, nil
}

// leftOut lists the regular files under root that the artifact leaves out.
func leftOut(root, ignore string) ([]byte, error) {
	filter, err := artifactFilter(root, ignore)
	if err != nil {
		return nil, err
	}
	var out []string
	err = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode().IsRegular() && filter(path, false) {
			rel, _ := filepath.Rel(root, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	if len(out) == 0 {
		return nil, err
	}
	return []byte(strings.Join(out, "\n") + "\n"), err
}

func build(root, file, ignore string) ([]byte, error) {
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
	filter, err := artifactFilter(root, ignore)
	if err != nil {
		return nil, err
	}
	if err := copyTree(root, work, filter); err != nil {
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

// copyTree copies into to what the artifact of from holds: its folders, and its regular files that filter keeps.
func copyTree(from, to string, filter func(path string, isDir bool) bool) error {
	return filepath.Walk(from, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !info.Mode().IsRegular() || filter(path, false) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
