package timeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/exp/trace"
)

// Markers written into the trace at the start and end of a recording, so
// that lock events (time.Time) and trace events (trace clock) share an
// origin.
const (
	markerCategory = "gokernel.timeline"
	markerStart    = "start"
	markerEnd      = "end"
)

// goState is a goroutine's scheduling state as the trace reports it.
type goState uint8

const (
	stNone goState = iota
	stRunning
	stRunnable
	stWaiting
	stSyscall
)

// stateSpan is an interval of one scheduling state, in trace nanoseconds.
type stateSpan struct {
	state      goState
	start, end int64
	reason     string
}

// goTrace is what the trace says about one goroutine.
type goTrace struct {
	id     int64
	parent int64  // creator, 0 when it existed before the trace
	fn     string // the function it started in, when the trace has it
	spans  []stateSpan

	cur    goState
	since  int64
	reason string
}

// parsedTrace is the part of a runtime trace a timeline needs.
type parsedTrace struct {
	start, end int64 // the markers, or the first and last event
	gs         map[int64]*goTrace
}

// parseTrace reads a runtime trace into per-goroutine state intervals.
func parseTrace(data []byte) (*parsedTrace, error) {
	r, err := trace.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read trace: %w", err)
	}
	p := &parsedTrace{start: -1, end: -1, gs: map[int64]*goTrace{}}
	var first, last int64 = -1, -1
	for {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read trace event: %w", err)
		}
		now := int64(ev.Time())
		if first < 0 {
			first = now
		}
		last = now
		switch ev.Kind() {
		case trace.EventLog:
			p.marker(ev.Log(), now)
		case trace.EventStateTransition:
			p.transition(ev, now)
		}
	}
	if p.start < 0 {
		p.start = first
	}
	if p.end < 0 {
		p.end = last
	}
	for _, g := range p.gs {
		g.close(p.end)
	}
	return p, nil
}

func (p *parsedTrace) marker(l trace.Log, now int64) {
	if l.Category != markerCategory {
		return
	}
	switch l.Message {
	case markerStart:
		p.start = now
	case markerEnd:
		p.end = now
	}
}

// transition applies one goroutine state change.
func (p *parsedTrace) transition(ev trace.Event, now int64) {
	st := ev.StateTransition()
	if st.Resource.Kind != trace.ResourceGoroutine {
		return
	}
	id := int64(st.Resource.Goroutine())
	from, to := st.Goroutine()
	g := p.gs[id]
	if g == nil {
		g = &goTrace{id: id}
		p.gs[id] = g
	}
	if from == trace.GoNotExist && to != trace.GoNotExist {
		if c := ev.Goroutine(); c != trace.NoGoroutine {
			g.parent = int64(c)
		}
		g.fn = startFunc(st.Stack)
	}
	g.enter(toState(to), now, st.Reason)
}

// enter closes the current state and opens s.
func (g *goTrace) enter(s goState, now int64, reason string) {
	g.close(now)
	g.cur, g.since, g.reason = s, now, reason
	if s == stSyscall && reason == "" {
		g.reason = "syscall"
	}
}

// close ends the open state at now.
func (g *goTrace) close(now int64) {
	if g.cur != stNone && now > g.since {
		g.spans = append(g.spans, stateSpan{state: g.cur, start: g.since, end: now, reason: g.reason})
	}
	g.cur, g.since = stNone, now
}

func toState(s trace.GoState) goState {
	switch s {
	case trace.GoRunning:
		return stRunning
	case trace.GoRunnable:
		return stRunnable
	case trace.GoWaiting:
		return stWaiting
	case trace.GoSyscall:
		return stSyscall
	}
	return stNone
}

// startFunc is the outermost frame of a new goroutine's stack: the function
// it was started with.
func startFunc(s trace.Stack) string {
	name := ""
	for f := range s.Frames() {
		name = f.Func
	}
	return name
}

// descendants returns root and every goroutine it started, directly or
// through others, during the trace.
func (p *parsedTrace) descendants(root int64) map[int64]bool {
	in := map[int64]bool{root: true}
	for changed := true; changed; {
		changed = false
		for id, g := range p.gs {
			if !in[id] && g.parent != 0 && in[g.parent] {
				in[id], changed = true, true
			}
		}
	}
	return in
}

// created is when the trace first saw the goroutine.
func (g *goTrace) created() int64 {
	if len(g.spans) == 0 {
		return g.since
	}
	return g.spans[0].start
}
