package engine

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/traefik/yaegi/interp"

	"gokernel/engine/rt"
	"gokernel/gil"
	"gokernel/profiler"
)

// Options configures a Session.
type Options struct {
	// Env is the environment cells see through os.Getenv and friends
	// ("KEY=value"); nil means the kernel's own environment. Cells cannot
	// change the kernel's real environment.
	Env []string
	// Args is os.Args as cells see it; nil means the kernel's.
	Args []string
	// MaxStackFrames is how deep (in Go frames) interpreted code may
	// recurse before it fails with a RecursionError; 0 means the default.
	MaxStackFrames int
}

// Session is one interpreter whose state (variables, functions, types,
// imports) lasts across cells. Execute, Complete, Inspect and IsComplete are
// called one at a time; Interrupt may come from any goroutine.
type Session struct {
	in      *interp.Interpreter
	cp      *rt.Checkpoint
	word    *int32            // cp's word, the variable checkpoints read through
	exports interp.Exports    // binary packages cells may import
	pkgName map[string]string // import path → package name

	execMu sync.Mutex // one cell at a time

	cur     atomic.Pointer[cell] // the running cell, or the last one
	running atomic.Bool
	runSeq  atomic.Int64 // number of the current run, for the hard stop

	stateMu sync.Mutex
	cancel  context.CancelFunc // hard stop of the running cell
	intr    chan struct{}      // closed when an interrupt is requested
	// stopReason is why the engine itself cancelled the run, if it did.
	stopReason error
	// unwinding holds the goroutines of runs cancelled for their depth:
	// they unwind after Execute returned and must not stop the next cell.
	unwinding map[int64]bool

	bg   goroutines
	dog  watchdog
	decl declarations
	mg   magicState // magics.go

	maxFrames int
	// noCheckpoints leaves checkpoints out, to measure what they cost.
	noCheckpoints bool

	lock       *gil.Lock   // the interpreter lock (gil.go)
	mainThread *gil.Thread // the cells' own goroutine's hold on it
	policy     *policies   // release/hold per host package
	flagMu     sync.Mutex
	flag       *bool // the interpreted mirror of word != 0 (gil_word.go)

	// prof records calls while %prun runs; pflag is the interpreted flag
	// function entries read (profile.go).
	prof      *profiler.Profiler
	pflag     *bool
	profHooks atomic.Int64 // calls of the entry hook, for tests
	// noProfileHooks leaves the profiler's hooks out, to measure what
	// they cost.
	noProfileHooks bool
}

// runtimePath is the import path of the package rewritten cells call into.
// Cells import it under rtName, a name no user code will choose.
const (
	runtimePath = "gokernel/internal/cellrt"
	rtName      = "_gk"
)

// New starts a session.
func New(opts Options) (*Session, error) {
	s := &Session{
		maxFrames: opts.MaxStackFrames,
		intr:      make(chan struct{}),
		unwinding: map[int64]bool{},
		prof:      profiler.New(),
	}
	if s.maxFrames <= 0 {
		s.maxFrames = defaultMaxFrames
	}
	s.cp = rt.New(s.slow)
	s.word = s.cp.Word()
	s.bg.init()
	s.decl.init()
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	s.in = interp.New(interp.Options{
		Stdin:  &stdinReader{s: s},
		Stdout: streamWriter{s: s, name: "stdout"},
		Stderr: streamWriter{s: s, name: "stderr"},
		Args:   opts.Args,
		Env:    env,
	})
	if err := s.initLock(); err != nil {
		fmt.Fprintf(os.Stderr, "gokernel: %v\n", err) // a bad value is ignored
	}
	if err := s.useSymbols(); err != nil {
		return nil, fmt.Errorf("engine: loading symbols: %w", err)
	}
	if err := s.initMagics(opts); err != nil {
		return nil, fmt.Errorf("engine: magics: %w", err)
	}
	s.Magics().Register(s.gilMagic())
	s.Magics().Register(s.threadsMagic())
	return s, nil
}
