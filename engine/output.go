package engine

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"gokernel/internal/goroutine"
)

// streamWriter is the interpreter's stdout or stderr: it writes to the cell
// the writing goroutine belongs to.
type streamWriter struct {
	s    *Session
	name string
}

// traceLine matches what yaegi writes to stderr for each interpreted frame a
// panic unwinds: "cell[3]:4:7: panic: main.f(...)". Those lines are the
// interpreted stack; they go into the traceback, not into the output.
var traceLine = regexp.MustCompile(`^(\S+): panic: (.*)\(\.\.\.\)\n$`)

func (w streamWriter) Write(p []byte) (int, error) {
	c := w.s.cellFor(keyIfBackground(&w.s.bg))
	if c == nil {
		return len(p), nil
	}
	text := string(p)
	if w.name == "stderr" && len(p) > 7 && traceLine.MatchString(text) {
		w.s.addTrace(text)
		return len(p), nil
	}
	if w.name == "stdout" {
		c.notePartial(text)
	}
	c.out.Stream(w.name, text)
	return len(p), nil
}

// keyIfBackground returns the calling goroutine's key when goroutines
// that cells started are alive, and 0 otherwise.
func keyIfBackground(g *goroutines) uintptr {
	if g.count.Load() == 0 {
		return 0
	}
	return goroutine.Key()
}

// cellFor returns the cell that owns the goroutine with key (0: the
// running cell).
func (s *Session) cellFor(key uintptr) *cell {
	if key != 0 {
		if c := s.bg.owner(key); c != nil {
			return c
		}
	}
	return s.cur.Load()
}

// addTrace files a stack line under the goroutine that is panicking.
func (s *Session) addTrace(line string) {
	m := traceLine.FindStringSubmatch(line)
	if strings.HasPrefix(m[1], preludeName) {
		return // the checkpoint's slow function, not the user's code
	}
	entry := fmt.Sprintf("  %s in %s", m[1], m[2])
	if key := keyIfBackground(&s.bg); key != 0 && s.bg.addTrace(key, entry) {
		return
	}
	if c := s.cur.Load(); c != nil {
		c.addTrace(entry)
	}
}

// stdinReader is the interpreter's stdin: each line is asked from the front
// end of the cell that reads.
type stdinReader struct {
	s   *Session
	mu  sync.Mutex
	buf []byte
}

func (r *stdinReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.buf) == 0 {
		c := r.s.cellFor(keyIfBackground(&r.s.bg))
		if c == nil {
			return 0, ErrNoStdin
		}
		var line string
		var err error
		// Waiting for the front end must not hold the interpreter lock.
		r.s.blocking(func() { line, err = c.out.Input(c.takePartial(), false) })
		if err != nil {
			if errors.Is(err, ErrNoStdin) {
				c.out.Stream("stderr", "reading stdin: "+err.Error()+"\n")
			}
			return 0, err
		}
		r.buf = []byte(line + "\n")
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}
