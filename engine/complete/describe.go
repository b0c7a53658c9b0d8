package complete

import (
	"bytes"
	"go/ast"
	"go/doc"
	"go/printer"
	"go/token"
	"strings"
)

// describe documents the symbol sel (empty for the package itself) of the
// package at path, from its sources, else from its reflect symbols.
func describe(path string, sel []string, detail int, env *Env) (string, bool) {
	d, err := loadDoc(path)
	if err != nil {
		return describeReflect(path, sel, env)
	}
	if len(sel) == 0 {
		return d.packageText(detail), true
	}
	if text, ok := d.symbolText(sel, detail); ok {
		return text, true
	}
	return describeReflect(path, sel, env)
}

// packageText is the header and synopsis of a package, or with detail its
// whole doc comment.
func (d *pkgDoc) packageText(detail int) string {
	header := "package " + d.pkg.Name + ` // import "` + d.pkg.ImportPath + `"`
	body := d.pkg.Synopsis(d.pkg.Doc)
	if detail > 0 {
		body = string(d.pkg.Text(d.pkg.Doc))
	}
	return join(header, body)
}

// symbolText documents Name or Type.Method.
func (d *pkgDoc) symbolText(sel []string, detail int) (string, bool) {
	name := sel[0]
	if len(sel) == 2 {
		for _, t := range d.pkg.Types {
			if t.Name == name {
				return d.funcText(findFunc(t.Methods, sel[1]), detail)
			}
		}
		return "", false
	}
	if text, ok := d.funcText(findFunc(d.pkg.Funcs, name), detail); ok {
		return text, true
	}
	if text, ok := d.valueText(d.pkg.Consts, d.pkg.Vars, name); ok {
		return text, true
	}
	for _, t := range d.pkg.Types {
		if t.Name == name {
			return d.typeText(t), true
		}
		if text, ok := d.funcText(findFunc(t.Funcs, name), detail); ok {
			return text, true
		}
		if text, ok := d.valueText(t.Consts, t.Vars, name); ok {
			return text, true
		}
	}
	return "", false
}

func findFunc(funcs []*doc.Func, name string) *doc.Func {
	for _, f := range funcs {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// funcText is a function's signature and doc; with detail, its source.
func (d *pkgDoc) funcText(f *doc.Func, detail int) (string, bool) {
	if f == nil {
		return "", false
	}
	decl := *f.Decl
	decl.Doc = nil
	if detail == 0 || decl.Body == nil {
		decl.Body = nil
		return join(d.print(&decl), d.text(f.Doc)), true
	}
	body := *f.Decl
	body.Doc = nil
	withoutBody := decl
	withoutBody.Body = nil
	return join(d.print(&withoutBody), d.text(f.Doc), d.print(&body)), true
}

// valueText is the const or var group declaring name, and its doc.
func (d *pkgDoc) valueText(consts, vars []*doc.Value, name string) (string, bool) {
	for _, v := range append(consts[:len(consts):len(consts)], vars...) {
		for _, n := range v.Names {
			if n == name {
				decl := *v.Decl
				decl.Doc = nil
				return join(d.print(&decl), d.text(v.Doc)), true
			}
		}
	}
	return "", false
}

// typeText is a type's declaration, its doc, then the signatures of its
// constructors and methods, as go doc lists them.
func (d *pkgDoc) typeText(t *doc.Type) string {
	decl := *t.Decl
	decl.Doc = nil
	if len(decl.Specs) > 1 { // a grouped declaration: show this type only
		for _, s := range decl.Specs {
			if s.(*ast.TypeSpec).Name.Name == t.Name {
				decl.Specs, decl.Lparen, decl.Rparen = []ast.Spec{s}, token.NoPos, token.NoPos
			}
		}
	}
	spec := decl.Specs[0].(*ast.TypeSpec)
	specCopy := *spec
	specCopy.Doc, specCopy.Comment = nil, nil
	decl.Specs = []ast.Spec{&specCopy}
	var sigs []string
	for _, f := range append(t.Funcs[:len(t.Funcs):len(t.Funcs)], t.Methods...) {
		fd := *f.Decl
		fd.Doc, fd.Body = nil, nil
		sigs = append(sigs, d.print(&fd))
	}
	return join(d.print(&decl), d.text(t.Doc), strings.Join(sigs, "\n"))
}

// print formats an AST node as gofmt would.
func (d *pkgDoc) print(node any) string {
	var buf bytes.Buffer
	cfg := printer.Config{Mode: printer.UseSpaces | printer.TabIndent, Tabwidth: 8}
	if err := cfg.Fprint(&buf, d.fset, node); err != nil {
		return ""
	}
	return buf.String()
}

// text formats a doc comment as plain text wrapped at 80 columns.
func (d *pkgDoc) text(comment string) string {
	return strings.TrimRight(string(d.pkg.Text(comment)), "\n")
}

// join joins the non-empty parts with blank lines.
func join(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimRight(p, "\n"); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}
