package complete

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Complete returns the completions of the word before cursor and the span
// code[start:end] they replace. Matches are whole words as they will read
// once inserted: after "strings.Has" they are "strings.HasPrefix" and
// "strings.HasSuffix", with start at the s of strings, as IPython does for
// os.pa → os.path. The package before the dot may be imported or merely
// importable. Inside an import path, matches are import paths; after % at
// the start of a line, magics. Matches are sorted and distinct.
func Complete(code string, cursor int, env Env) (matches []string, start, end int) {
	cursor = clampCursor(code, cursor)
	line := code[lineStart(code, cursor):cursor]
	switch {
	case magicLine.MatchString(line):
		start = cursor - len(strings.TrimLeft(line, " \t"))
		matches = env.completeMagic(code[start:cursor])
	case inImportPath(code, cursor):
		start = strings.LastIndexByte(line, '"') + 1 + lineStart(code, cursor)
		matches = withPrefix(env.importPaths(), code[start:cursor])
	default:
		matches, start = env.completeIdent(code, cursor)
	}
	slices.SortFunc(matches, cmp.Compare)
	return slices.Compact(matches), start, cursor
}

// magicLine matches a line that so far holds only a magic's name.
var magicLine = regexp.MustCompile(`^[ \t]*%%?[\w]*$`)

func (env *Env) completeMagic(word string) []string {
	percent := "%"
	if strings.HasPrefix(word, "%%") {
		percent = "%%"
	}
	var out []string
	for _, m := range env.Magics {
		if strings.HasPrefix(percent+m, word) {
			out = append(out, percent+m)
		}
	}
	return out
}

// completeIdent completes an identifier or pkg.Name before cursor.
func (env *Env) completeIdent(code string, cursor int) ([]string, int) {
	start := identStart(code, cursor)
	prefix := code[start:cursor]
	if start == 0 || code[start-1] != '.' {
		return withPrefix(env.names(), prefix), start
	}
	qualStart := identStart(code, start-1)
	qual := code[qualStart : start-1]
	if qual == "" || qualStart > 0 && code[qualStart-1] == '.' {
		return nil, cursor // a field or method of a value: not known here
	}
	if _, declared := env.Names[qual]; declared {
		return nil, cursor
	}
	path, ok := env.packagePath(qual)
	if !ok {
		return nil, cursor
	}
	var out []string
	for _, m := range withPrefix(env.members(path), prefix) {
		out = append(out, qual+"."+m)
	}
	return out, qualStart
}

// names are the words that can start an expression or statement.
func (env *Env) names() []string {
	out := slices.Concat(keywords, predeclared, env.packageNames())
	for name := range env.Names {
		out = append(out, name)
	}
	for name := range env.Imports {
		out = append(out, name)
	}
	return out
}

func withPrefix(words []string, prefix string) []string {
	var out []string
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			out = append(out, w)
		}
	}
	return out
}

// importLine matches the part of a line before the cursor when the cursor
// is in the path of an import: `import "fm`, `import f "fm`, or `"fm` and
// `name "fm` inside an import ( … ) block.
var (
	importLine  = regexp.MustCompile(`^\s*import\s+(?:[\w.]+\s+)?"[^"]*$`)
	importSpec  = regexp.MustCompile(`^\s*(?:[\w.]+\s+)?"[^"]*$`)
	importBlock = regexp.MustCompile(`(?m)^\s*import\s*\(`)
)

func inImportPath(code string, cursor int) bool {
	ls := lineStart(code, cursor)
	line := code[ls:cursor]
	if importLine.MatchString(line) {
		return true
	}
	if !importSpec.MatchString(line) {
		return false
	}
	before := code[:ls]
	locs := importBlock.FindAllStringIndex(before, -1)
	if locs == nil {
		return false
	}
	return !strings.Contains(before[locs[len(locs)-1][1]:], ")")
}
