package complete

import (
	"cmp"
	"slices"
	"strings"
)

// splitKey splits a Packages key "importpath/name" in two.
func splitKey(key string) (path, name string) {
	i := strings.LastIndexByte(key, '/')
	if i < 0 {
		return key, key
	}
	return key[:i], key[i+1:]
}

// packagePath returns the import path that name stands for: the import in
// scope, else the importable package of that name, preferring the shortest
// path (math/rand before crypto/rand and math/rand/v2), as goimports does.
func (env *Env) packagePath(name string) (string, bool) {
	if path, ok := env.Imports[name]; ok {
		return path, true
	}
	best := ""
	for key := range env.Packages {
		path, n := splitKey(key)
		if n != name {
			continue
		}
		if best == "" || len(path) < len(best) || len(path) == len(best) && path < best {
			best = path
		}
	}
	return best, best != ""
}

// members returns the exported symbols of the package at path.
func (env *Env) members(path string) []string {
	var names []string
	for key, syms := range env.Packages {
		if p, _ := splitKey(key); p != path {
			continue
		}
		for name := range syms {
			if isExported(name) {
				names = append(names, name)
			}
		}
	}
	return names
}

// importPaths returns the import paths of every importable package, sorted.
func (env *Env) importPaths() []string {
	paths := make([]string, 0, len(env.Packages))
	for key := range env.Packages {
		path, _ := splitKey(key)
		paths = append(paths, path)
	}
	slices.SortFunc(paths, cmp.Compare)
	return slices.Compact(paths)
}

// packageNames returns the names of importable packages.
func (env *Env) packageNames() []string {
	names := make([]string, 0, len(env.Packages))
	for key := range env.Packages {
		_, name := splitKey(key)
		names = append(names, name)
	}
	return names
}
