package rewrite

import (
	"go/ast"
	"strings"
	"testing"
)

type parsedFile struct{ *ast.File }

// checkRendered checks that out holds every want, in order, and no not.
func checkRendered(t *testing.T, out string, want, not []string) {
	t.Helper()
	rest := out
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("missing %q (in order) in:\n%s", w, out)
		}
		rest = rest[i+len(w):]
	}
	for _, n := range not {
		if strings.Contains(out, n) {
			t.Errorf("unexpected %q in:\n%s", n, out)
		}
	}
}
