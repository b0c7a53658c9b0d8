package complete

import (
	"strings"
)

// Inspect describes the name at cursor, as go doc would: its declaration,
// a blank line, then its documentation. The name may be a session name,
// a package (its synopsis), pkg.Name or pkg.Type.Method, for imported and
// importable packages, or a built-in such as len or int. The cursor may be
// inside the name, just after it, or just after the "(" that follows it.
// detail 1 or more adds a function's source and a package's whole doc.
func Inspect(code string, cursor, detail int, env Env) (text string, found bool) {
	parts := nameAt(code, clampCursor(code, cursor))
	if len(parts) == 0 {
		return "", false
	}
	if decl, ok := env.Names[parts[0]]; ok {
		if _, isPkg := env.Imports[parts[0]]; !isPkg || len(parts) == 1 {
			return decl, true
		}
	}
	if path, ok := env.packagePath(parts[0]); ok {
		return describe(path, parts[1:], detail, &env)
	}
	if len(parts) == 1 && isBuiltin(parts[0]) {
		return describe("builtin", parts, detail, &env)
	}
	return "", false
}

// nameAt returns the dotted name around cursor, split at its dots:
// "strings.Builder.Len" → [strings Builder Len].
func nameAt(code string, cursor int) []string {
	end := identEnd(code, cursor)
	start := identStart(code, cursor)
	if start == end { // maybe just after "name(" or "name ("
		i := len(strings.TrimRight(code[:cursor], " \t"))
		if i == 0 || code[i-1] != '(' {
			return nil
		}
		end = len(strings.TrimRight(code[:i-1], " \t"))
		start = identStart(code, end)
		if start == end {
			return nil
		}
	}
	parts := []string{code[start:end]}
	for start > 0 && code[start-1] == '.' && len(parts) < 3 {
		s := identStart(code, start-1)
		if s == start-1 {
			break
		}
		parts = append([]string{code[s : start-1]}, parts...)
		start = s
	}
	return parts
}

// isBuiltin reports whether name is a predeclared identifier.
func isBuiltin(name string) bool {
	for _, p := range predeclared {
		if p == name {
			return true
		}
	}
	return false
}
