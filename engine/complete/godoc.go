package complete

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"sync"
)

// pkgDoc is the documentation of one package, read from its sources.
type pkgDoc struct {
	fset *token.FileSet
	pkg  *doc.Package
}

// docCache holds each package's documentation, read once on first use.
var docCache = struct {
	sync.Mutex
	m map[string]func() (*pkgDoc, error)
}{m: map[string]func() (*pkgDoc, error){}}

// loadDoc returns the documentation of the standard package at path.
func loadDoc(path string) (*pkgDoc, error) {
	docCache.Lock()
	load, ok := docCache.m[path]
	if !ok {
		load = sync.OnceValues(func() (*pkgDoc, error) { return readDoc(path) })
		docCache.m[path] = load
	}
	docCache.Unlock()
	return load()
}

// readDoc parses the files of the package at path that build on this
// platform (not tests, not files excluded by build constraints).
func readDoc(path string) (*pkgDoc, error) {
	root := goroot()
	if root == "" {
		return nil, fmt.Errorf("read doc of %s: no Go sources found", path)
	}
	dir := filepath.Join(root, "src", filepath.FromSlash(path))
	ctx := build.Default
	ctx.GOROOT = root
	bp, err := ctx.ImportDir(dir, 0)
	if err != nil {
		return nil, fmt.Errorf("read doc of %s: %w", path, err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("read doc of %s: %w", path, err)
		}
		parsed = append(parsed, f)
	}
	mode := doc.PreserveAST
	if path == "builtin" { // its names are lower-case
		mode |= doc.AllDecls
	}
	pkg, err := doc.NewFromFiles(fset, parsed, path, mode)
	if err != nil {
		return nil, fmt.Errorf("read doc of %s: %w", path, err)
	}
	return &pkgDoc{fset: fset, pkg: pkg}, nil
}
