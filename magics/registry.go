package magics

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Kind says where a magic may be written.
type Kind int

const (
	LineMagic Kind = 1 << iota // %name
	CellMagic                  // %%name
)

// Magic is one magic command. Run receives the call and, for a cell magic,
// the body; env gives it what it may use of the session.
type Magic interface {
	Name() string
	Kind() Kind
	// Usage is the one-line synopsis; Doc the longer help text.
	Usage() string
	Doc() string
	// Run does the magic. An error that the engine made (a failed cell
	// run through env.Run) is shown as it is; any other error is shown as
	// a UsageError, as IPython shows a magic's complaint.
	Run(env Env, call Call, body string) error
}

// Env is what a magic may do with the session that runs it. The engine
// implements it; magics never see the interpreter itself.
type Env interface {
	// Stdout and Stderr write to the cell's output streams.
	Stdout(text string)
	Stderr(text string)
	// Run runs Go source as the body of the running cell would run, and
	// keeps the value of its final expression as the cell's result. Line
	// i of src is line i of the cell, so positions in errors name the
	// cell's own lines: see At.
	Run(src string) error
	// SetResult makes v the value the cell shows (execute_result).
	SetResult(v any)
	// Display sends a display_data message with the MIME bundle data.
	Display(data map[string]any)
	// Payload adds an entry to execute_reply's payload list, such as
	// {"source": "page", ...} or {"source": "set_next_input", ...}.
	Payload(p map[string]any)
	// Input asks the front end for a line of input; it fails when the
	// request did not allow stdin.
	Input(prompt string, password bool) (string, error)
	// Count is the running cell's execution count (the N of cell[N]).
	Count() int
}

// At places src at line and col (1-based) of a cell: it pads src with
// blank lines and spaces so that positions in src read as the cell's.
func At(line, col int, src string) string {
	return strings.Repeat("\n", max(line-1, 0)) + strings.Repeat(" ", max(col-1, 0)) + src
}

// Func is a Magic made of a function, for magics that need no type of
// their own:
//
//	reg.Register(magics.Func{MagicName: "hello", MagicKind: magics.LineMagic,
//		Synopsis: "%hello NAME", Help: "Greets NAME.",
//		Fn: func(env magics.Env, c magics.Call, _ string) error {
//			env.Stdout("hello " + c.Args + "\n")
//			return nil
//		}})
type Func struct {
	MagicName string
	MagicKind Kind
	Synopsis  string
	Help      string
	Fn        func(env Env, call Call, body string) error
}

func (f Func) Name() string  { return f.MagicName }
func (f Func) Kind() Kind    { return f.MagicKind }
func (f Func) Usage() string { return f.Synopsis }
func (f Func) Doc() string   { return f.Help }

// Run calls f.Fn.
func (f Func) Run(env Env, call Call, body string) error { return f.Fn(env, call, body) }

// Registry holds the known magics by name. It is safe for concurrent use.
type Registry struct {
	mu     sync.RWMutex
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
func (r *Registry) Register(m Magic) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.magics[m.Name()] = m
}

// All returns every magic, sorted by name.
func (r *Registry) All() []Magic {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Magic, 0, len(r.magics))
	for _, m := range r.magics {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// Lookup finds the magic for call, checking it may be used in that form.
func (r *Registry) Lookup(name string, kind Kind) (Magic, error) {
	r.mu.RLock()
	m, ok := r.magics[name]
	r.mu.RUnlock()
	if !ok || m.Kind()&kind == 0 {
		return nil, fmt.Errorf("unknown magic %s%s; known magics: %s", prefix(kind), name, r.list())
	}
	return m, nil
}

// Names returns the names of magics of the given kind, with their prefix
// (%name or %%name), sorted.
func (r *Registry) Names(kind Kind) []string {
	var names []string
	for _, m := range r.All() {
		if m.Kind()&kind != 0 {
			names = append(names, prefix(kind)+m.Name())
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
	r.mu.RLock()
	m, ok := r.magics[name]
	r.mu.RUnlock()
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

// UsageError is a magic's complaint about how it was called. The engine
// shows it with ename UsageError, as IPython does.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}
