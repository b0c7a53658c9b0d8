// Package magics parses IPython-style magics at the top of a cell and holds
// the registry that magic implementations plug into.
//
// A cell is either any number of line magics (`%name args`), one per line at
// its top, followed by Go source; or one cell magic (`%%name args`) on its
// first line, followed by the body the magic receives.
package magics

import (
	"fmt"
	"strings"
	"unicode"
)

// Call is one magic invocation.
type Call struct {
	Name string // without the % or %%
	Args string // the rest of the line, verbatim
	Line int    // 1-based line of the cell it came from
	Col  int    // 1-based byte column of the cell where Args starts
	Help bool   // written as %name? : show the magic's help
	Cell bool   // written as %%name: a cell magic, whose body follows
}

// Cell is a cell split into its magics and the Go source that follows them.
type Cell struct {
	Lines []Call // line magics, in order
	Cell  *Call  // the cell magic, if the cell starts with %%
	// Body is the source after the magic lines. Lines that held magics
	// are kept as blank lines so positions in Body match the cell's lines.
	Body string
}

// Has reports whether the cell holds any magic.
func (c Cell) Has() bool { return c.Cell != nil || len(c.Lines) > 0 }

// Parse splits src into magics and Go source. Leading blank lines and
// lines holding only a // comment may stand between magic lines.
func Parse(src string) (Cell, error) {
	lines := strings.Split(src, "\n")
	var cell Cell
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "//"):
			continue
		case strings.HasPrefix(t, "%%"):
			if len(cell.Lines) > 0 || i > firstCode(lines) {
				return Cell{}, fmt.Errorf("line %d: a cell magic (%%%%) must be on the first line of the cell", i+1)
			}
			call, err := parseCall(line, 2, i+1)
			if err != nil {
				return Cell{}, err
			}
			call.Cell = true
			cell.Cell = &call
			cell.Body = blankLines(i+1) + strings.Join(lines[i+1:], "\n")
			return cell, nil
		case strings.HasPrefix(t, "%"):
			call, err := parseCall(line, 1, i+1)
			if err != nil {
				return Cell{}, err
			}
			cell.Lines = append(cell.Lines, call)
			continue
		}
		cell.Body = blankLines(i) + strings.Join(lines[i:], "\n")
		return cell, nil
	}
	cell.Body = blankLines(len(lines) - 1)
	return cell, nil
}

// firstCode is the index of the first line that is neither blank nor a comment.
func firstCode(lines []string) int {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && !strings.HasPrefix(t, "//") {
			return i
		}
	}
	return len(lines)
}

func blankLines(n int) string { return strings.Repeat("\n", n) }

// parseCall reads "name args" or "name?" from a line holding a magic whose
// prefix (% or %%) is skip bytes long.
func parseCall(raw string, skip, line int) (Call, error) {
	indent := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
	t := strings.TrimSpace(raw)
	s := t[skip:]
	name, args := s, ""
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		name, args = s[:i], strings.TrimSpace(s[i:])
	}
	col := indent + len(t) - len(args) + 1
	if n, ok := strings.CutSuffix(name, "?"); ok && args == "" {
		return Call{Name: n, Line: line, Col: col, Help: true}, validName(n, line)
	}
	return Call{Name: name, Args: args, Line: line, Col: col}, validName(name, line)
}

// Pos returns the line and column of the cell where rest starts, rest
// being a suffix of c.Args (what ParseOptions left of it).
func (c Call) Pos(rest string) (line, col int) {
	return c.Line, c.Col + len(c.Args) - len(rest)
}

func validName(name string, line int) error {
	if name == "" {
		return fmt.Errorf("line %d: missing magic name after %%", line)
	}
	for _, r := range name {
		if !(r == '_' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return fmt.Errorf("line %d: bad magic name %q", line, name)
		}
	}
	return nil
}
