package engine

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gokernel/gil"
)

// threadRecorder collects, while %%threads records a cell, the goroutines
// its rows show: the cell's own and those cells start meanwhile.
type threadRecorder struct {
	mu      sync.Mutex
	cellN   int
	cellG   int64
	started map[int64]int // goroutine id → start order, from 1
}

func (r *threadRecorder) has(id int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.started[id]
	return ok || id == r.cellG
}

// name labels a row: the cell, or the goroutine's start order.
func (r *threadRecorder) name(id int64) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id == r.cellG {
		return fmt.Sprintf("cell[%d]", r.cellN)
	}
	if k, ok := r.started[id]; ok {
		return fmt.Sprintf("go #%d", k)
	}
	return ""
}

// record starts collecting for cell n.
func (g *goroutines) record(n int) *threadRecorder {
	r := &threadRecorder{cellN: n, started: map[int64]int{}}
	g.rec.Store(r)
	return r
}

func (g *goroutines) stopRecording() { g.rec.Store(nil) }

// noteCell records the goroutine that runs the cell's code.
func (g *goroutines) noteCell() {
	if r := g.rec.Load(); r != nil {
		id := goid()
		r.mu.Lock()
		r.cellG = id
		r.mu.Unlock()
	}
}

// noteStart records a goroutine a cell started.
func (g *goroutines) noteStart(id int64) {
	if r := g.rec.Load(); r != nil {
		r.mu.Lock()
		r.started[id] = len(r.started) + 1
		r.mu.Unlock()
	}
}

// list is %threads's text: the goroutines cells started that still run.
func (g *goroutines) list(st gil.Stats) string {
	type row struct {
		id    int64
		cell  int
		since time.Time
	}
	g.mu.Lock()
	var rows []row
	for _, b := range g.byKey {
		rows = append(rows, row{b.id, b.owner.n, b.started})
	}
	g.mu.Unlock()
	if len(rows) == 0 {
		return "No goroutines started by cells are running.\n"
	}
	slices.SortFunc(rows, func(a, b row) int { return int(a.id - b.id) })
	states := goroutineStates()
	lock := map[int64]string{}
	for _, t := range st.Threads {
		if t.Goroutine != 0 && !t.Closed && (t.State == "holding" || t.State == "waiting") {
			lock[t.Goroutine] = t.State
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%8s  %-28s  %-9s  %s\n", "id", "state", "cell", "running for")
	now := time.Now()
	for _, r := range rows {
		state := states[r.id]
		if state == "" {
			state = "exiting"
		}
		if l := lock[r.id]; l != "" {
			state += ", " + l + " the lock"
		}
		fmt.Fprintf(&b, "%8d  %-28s  %-9s  %v\n", r.id, state, fmt.Sprintf("cell[%d]", r.cell), now.Sub(r.since).Round(time.Millisecond))
	}
	return b.String()
}

// goroutineStates reads every goroutine's state from the runtime's stack
// dump headers ("goroutine 12 [chan receive, 2 minutes]:").
func goroutineStates() map[int64]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		if len(buf) >= 64<<20 {
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[int64]string{}
	for _, line := range bytes.Split(buf, []byte("\n")) {
		rest, ok := bytes.CutPrefix(line, []byte("goroutine "))
		if !ok {
			continue
		}
		idText, st, ok := bytes.Cut(rest, []byte(" ["))
		if !ok {
			continue
		}
		id, err := strconv.ParseInt(string(idText), 10, 64)
		if err != nil {
			continue
		}
		st, _, _ = bytes.Cut(st, []byte("]"))
		out[id] = string(st)
	}
	return out
}
