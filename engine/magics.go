package engine

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"gokernel/magics"
	"gokernel/profiler"
	"gokernel/profiler/timeline"
)

// magicState is what the engine keeps for magics: the registry, the input
// history, the names of interpreted types and the last %timeit.
type magicState struct {
	reg  *magics.Registry
	args []string // os.Args of cells, for a fresh interpreter after %reset

	histMu  sync.Mutex
	history []historyEntry

	types typeNames
	timer timer
	// timeit is what `%timeit -o` stores; cells read it as _timeit.
	timeit magics.TimeitResult
	// prun is what `%prun -r` stores; cells read it as _prun.
	prun *profiler.Stats
	// threads is what %%threads stores; cells read it as _threads.
	threads timeline.Result
	// prevDir is the directory %cd left, for `%cd -`.
	prevDir string
}

// initMagics registers the built-in magics and the host functions the code
// they generate calls.
func (s *Session) initMagics(opts Options) error {
	s.mg.args = opts.Args
	s.mg.types.init()
	s.mg.reg = magics.NewRegistry(s.builtinMagics()...)
	return s.useMagicSymbols()
}

// Magics is the registry of the session's magics: register a magic there
// and cells can call it.
func (s *Session) Magics() *magics.Registry { return s.mg.reg }

// magicNames are the magic names completion offers after %.
func (s *Session) magicNames() []string {
	var names []string
	for _, m := range s.mg.reg.All() {
		names = append(names, m.Name())
	}
	return names
}

// executeCell runs a cell that may start with magics: line magics in order,
// then the Go source after them, or the one cell magic with its body.
func (s *Session) executeCell(c *cell, code string) Result {
	parsed, err := magics.Parse(code)
	if err != nil {
		return Result{Error: usageError(err.Error())}
	}
	if !parsed.Has() {
		return s.execute(c, code)
	}
	run := &magicRun{s: s, c: c}
	for _, call := range parsed.Lines {
		if e := run.call(call, magics.LineMagic, ""); e != nil {
			return Result{Error: e, Payload: run.payload}
		}
	}
	switch {
	case parsed.Cell != nil:
		body := cellBody(code, parsed.Cell.Line)
		if e := run.call(*parsed.Cell, magics.CellMagic, body); e != nil {
			return Result{Error: e, Payload: run.payload}
		}
	case strings.TrimSpace(parsed.Body) != "":
		if err := run.Run(parsed.Body); err != nil {
			return Result{Error: asError(err), Payload: run.payload}
		}
	}
	return Result{Data: run.data, Metadata: run.metadata, Payload: run.payload}
}

// cellBody is the source after a cell magic's line, as written.
func cellBody(code string, line int) string {
	lines := strings.SplitAfter(code, "\n")
	if line >= len(lines) {
		return ""
	}
	return strings.Join(lines[line:], "")
}

// magicRun is one cell's magics: the magics.Env they see.
type magicRun struct {
	s *Session
	c *cell

	data, metadata map[string]any
	payload        []map[string]any
}

// call runs one magic, or shows its help for %name?.
func (r *magicRun) call(call magics.Call, kind magics.Kind, body string) *Error {
	if call.Help {
		text, err := r.s.mg.reg.Help(call.Name)
		if err != nil {
			return usageError(err.Error())
		}
		r.Payload(pagePayload(text))
		return nil
	}
	m, err := r.s.mg.reg.Lookup(call.Name, kind)
	if err != nil {
		return usageError(err.Error())
	}
	if err := runMagic(m, r, call, body); err != nil {
		return asError(err)
	}
	return nil
}

// runMagic runs m, turning a panic of the magic itself into an error: bad
// input must not end the kernel.
func runMagic(m magics.Magic, env magics.Env, call magics.Call, body string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%%%s failed: %v", call.Name, p)
		}
	}()
	return m.Run(env, call, body)
}

func pagePayload(text string) map[string]any {
	return map[string]any{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0}
}

func (r *magicRun) Stdout(text string) { r.c.out.Stream("stdout", text) }
func (r *magicRun) Stderr(text string) { r.c.out.Stream("stderr", text) }

func (r *magicRun) Run(src string) error {
	// A value an earlier run of this cell produced is not this run's.
	r.c.mu.Lock()
	r.c.final, r.c.hasFinal = nil, false
	r.c.mu.Unlock()
	res := r.s.execute(r.c, src)
	if res.Error != nil {
		return res.Error
	}
	r.data, r.metadata = res.Data, res.Metadata
	return nil
}

func (r *magicRun) SetResult(v any) {
	r.data, r.metadata = r.s.bundle(reflect.ValueOf(v))
}

func (r *magicRun) Display(data map[string]any) {
	r.c.out.Display(DisplayData{Data: data, Metadata: map[string]any{}})
}

func (r *magicRun) Payload(p map[string]any) { r.payload = append(r.payload, p) }

func (r *magicRun) Input(prompt string, password bool) (string, error) {
	return r.c.out.Input(prompt, password)
}

func (r *magicRun) Count() int { return r.c.n }

// asError turns what a magic returned into the cell's error: the engine's
// own errors as they are, anything else as a UsageError.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return usageError(err.Error())
}

func usageError(msg string) *Error {
	return &Error{Name: "UsageError", Value: msg, Traceback: []string{red + "UsageError" + reset + ": " + msg}}
}
