package engine

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"gokernel/internal/goroutine"
)

// goroutines tracks the goroutines cells started: which cell owns each (its
// output goes there) and the stack lines of its panic. They are found by
// goroutine.Key, which the hot paths (every write to stdout) can afford,
// unlike the id (a stack read, slower the deeper the caller): the id is
// read once, where the goroutine starts, for what %threads shows. A key is
// reused only after its goroutine has exited, and each entry is removed
// before then.
type goroutines struct {
	count atomic.Int32
	mu    sync.Mutex
	byKey map[uintptr]*bgGoroutine
	rec   atomic.Pointer[threadRecorder] // set while %%threads records
}

type bgGoroutine struct {
	id      int64 // the goroutine id, as panics and runtime/trace show it
	owner   *cell
	started time.Time
	trace   []string
	dropped int
}

func (g *goroutines) init() { g.byKey = map[uintptr]*bgGoroutine{} }

func (g *goroutines) owner(key uintptr) *cell {
	g.mu.Lock()
	defer g.mu.Unlock()
	if b := g.byKey[key]; b != nil {
		return b.owner
	}
	return nil
}

// isBackground reports whether the calling goroutine is one a cell started.
func (g *goroutines) isBackground() bool {
	if g.count.Load() == 0 {
		return false
	}
	key := goroutine.Key()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.byKey[key] != nil
}

func (g *goroutines) addTrace(key uintptr, line string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	b := g.byKey[key]
	if b == nil {
		return false
	}
	b.trace, b.dropped = appendTrace(b.trace, b.dropped, line)
	return true
}

// goStart runs f in a new goroutine owned by the calling goroutine's cell.
// A panic there is reported on that cell's stderr instead of killing the
// kernel, as an unrecovered panic in any goroutine would.
func (s *Session) goStart(f func()) {
	owner := s.cellFor(keyIfBackground(&s.bg))
	if owner == nil {
		owner = &cell{out: discard{}}
	}
	s.bg.count.Add(1)
	s.dog.start(s)
	go s.runBackground(owner, f)
}

func (s *Session) runBackground(owner *cell, f func()) {
	id, key := goid(), goroutine.Key()
	b := &bgGoroutine{id: id, owner: owner, started: time.Now()}
	s.bg.mu.Lock()
	s.bg.byKey[key] = b
	s.bg.mu.Unlock()
	s.bg.noteStart(id)
	defer func() {
		r := recover()
		s.bg.mu.Lock()
		delete(s.bg.byKey, key)
		s.bg.mu.Unlock()
		if s.bg.count.Add(-1) == 0 && !s.running.Load() {
			s.clearInterrupt()
		}
		if r != nil {
			s.reportBackground(b, r)
		}
	}()
	s.runLocked(f)
}

// reportBackground writes a goroutine's panic to its cell's stderr.
func (s *Session) reportBackground(b *bgGoroutine, r any) {
	e := s.panicError(r, b.trace, b.dropped)
	head := fmt.Sprintf("panic in goroutine started by cell[%d]: %s\n", b.owner.n, e.Value)
	if e.Name == "Interrupted" {
		head = fmt.Sprintf("goroutine started by cell[%d] interrupted\n", b.owner.n)
	}
	var buf bytes.Buffer
	buf.WriteString(head)
	for _, l := range e.Traceback[1:] {
		buf.WriteString(stripANSI(l))
		buf.WriteByte('\n')
	}
	b.owner.out.Stream("stderr", buf.String())
}

// goexit is runtime.Goexit as cells see it: fine in a goroutine a cell
// started, an error in the cell itself (it would end the cell's goroutine
// and leave the interpreter waiting).
func (s *Session) goexit() {
	if s.bg.isBackground() {
		runtime.Goexit()
	}
	panic(goexitError{})
}

// goid returns the calling goroutine's id, read from its stack header
// ("goroutine 123 [running]:").
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	b := bytes.TrimPrefix(buf[:n], []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}

// discard is an Output for goroutines no cell owns.
type discard struct{}

func (discard) Stream(string, string)              {}
func (discard) Display(DisplayData)                {}
func (discard) ClearOutput(bool)                   {}
func (discard) Input(string, bool) (string, error) { return "", ErrNoStdin }
