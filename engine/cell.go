package engine

import (
	"strings"
	"sync"
	"sync/atomic"
)

// cell is one executed cell: where its output goes (also from goroutines it
// started, after it ended) and what its run collected.
type cell struct {
	n   int
	out Output

	mu      sync.Mutex
	partial string // stdout text after the last newline: the input prompt
	// hasPartial is partial != "", readable without mu: most writes end
	// with a newline and find nothing to clear.
	hasPartial atomic.Bool
	trace      []string // interpreted stack lines of the cell goroutine's panic
	dropped    int      // trace lines not kept

	final    []any // the values the final expression produced
	hasFinal bool
}

// maxTrace bounds the stack lines kept for one panic (deep recursion
// unwinds through every frame).
const maxTrace = 400

func (c *cell) notePartial(text string) {
	if strings.HasSuffix(text, "\n") && !c.hasPartial.Load() {
		return // the partial line stays empty
	}
	c.mu.Lock()
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		c.partial = text[i+1:]
	} else {
		c.partial += text
	}
	c.hasPartial.Store(c.partial != "")
	c.mu.Unlock()
}

func (c *cell) takePartial() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.partial
	c.partial = ""
	c.hasPartial.Store(false)
	return p
}

func (c *cell) addTrace(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.trace, c.dropped = appendTrace(c.trace, c.dropped, line)
}

func (c *cell) takeTrace() ([]string, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, d := c.trace, c.dropped
	c.trace, c.dropped = nil, 0
	return t, d
}

// appendTrace keeps the first maxTrace/2 lines and the last maxTrace/2.
func appendTrace(trace []string, dropped int, line string) ([]string, int) {
	if len(trace) < maxTrace {
		return append(trace, line), dropped
	}
	half := maxTrace / 2
	copy(trace[half:], trace[half+1:])
	trace[len(trace)-1] = line
	return trace, dropped + 1
}
