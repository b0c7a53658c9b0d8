package gil

import (
	"context"
	"runtime/trace"
)

// Holds and waits become runtime/trace regions while the execution tracer
// runs, so `go tool trace` shows them per goroutine. Regions start and end
// on the goroutine that owns the thread, as runtime/trace requires.

func (t *Thread) beginHold() {
	if trace.IsEnabled() {
		t.region = trace.StartRegion(context.Background(), "gil.hold")
	}
}

func (t *Thread) endHold() {
	if t.region != nil {
		t.region.End()
		t.region = nil
	}
}

func (t *Thread) beginWait() *trace.Region {
	if trace.IsEnabled() {
		return trace.StartRegion(context.Background(), "gil.wait")
	}
	return nil
}

func endRegion(r *trace.Region) {
	if r != nil {
		r.End()
	}
}

func traceForced(t *Thread) {
	if trace.IsEnabled() {
		trace.Log(context.Background(), "gil", "forced switch: "+t.name)
	}
}
