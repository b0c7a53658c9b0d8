package magics

import (
	"fmt"
	"sort"
	"strings"
)

// Kind says where a magic may be written.
type Kind int

const (
	LineMagic Kind = 1 << iota // %name
	CellMagic                  // %%name
)

// Magic is one magic command. Run receives the call and, for a cell magic,
// the body; Env gives it what it may use of the session.
type Magic interface {
	Name() string
	Kind() Kind
	// Usage is the one-line synopsis; Doc the longer help text.
	Usage() string
	Doc() string
	Run(env Env, call Call, body string) error
}

// Env is what a magic may do with the session that runs it. The engine
// implements it; magics never see the interpreter itself.
type Env interface {
	// Stdout and Stderr write to the cell's output streams.
	Stdout(text string)
	Stderr(text string)
}

// Registry holds the known magics by name.
type Registry struct {
	magics map[string]Magic
}

// NewRegistry returns a registry holding ms.
func NewRegistry(ms ...Magic) *Registry {
	r := &Registry{magics: map[string]Magic{}}
	for _, m := range ms {
		r.Register(m)
	}
	return r
}

// Register adds m, replacing a magic of the same name.
func (r *Registry) Register(m Magic) { r.magics[m.Name()] = m }

// Lookup finds the magic for call, checking it may be used in that form.
func (r *Registry) Lookup(name string, kind Kind) (Magic, error) {
	m, ok := r.magics[name]
	if !ok || m.Kind()&kind == 0 {
		return nil, fmt.Errorf("unknown magic %s%s; known magics: %s", prefix(kind), name, r.list())
	}
	return m, nil
}

// Names returns the names of magics of the given kind, with their prefix
// (%name or %%name), sorted.
func (r *Registry) Names(kind Kind) []string {
	var names []string
	for n, m := range r.magics {
		if m.Kind()&kind != 0 {
			names = append(names, prefix(kind)+n)
		}
	}
	sort.Strings(names)
	return names
}

// LsMagic is %lsmagic's text.
func (r *Registry) LsMagic() string {
	return "Available line magics:\n" + strings.Join(r.Names(LineMagic), "  ") +
		"\n\nAvailable cell magics:\n" + strings.Join(r.Names(CellMagic), "  ") + "\n"
}

// Help is the help text of one magic, as %name? shows it.
func (r *Registry) Help(name string) (string, error) {
	m, ok := r.magics[name]
	if !ok {
		return "", fmt.Errorf("unknown magic %%%s; known magics: %s", name, r.list())
	}
	return m.Usage() + "\n\n" + m.Doc(), nil
}

func (r *Registry) list() string {
	return strings.Join(append(r.Names(LineMagic), r.Names(CellMagic)...), ", ")
}

func prefix(k Kind) string {
	if k == CellMagic {
		return "%%"
	}
	return "%"
}
