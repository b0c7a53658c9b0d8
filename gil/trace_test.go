package gil

import (
	"io"

	xtrace "golang.org/x/exp/trace"

	"bytes"
	"runtime/trace"
	"strings"
	"testing"
	"time"
)

// With the execution tracer on, holds and waits become regions and the
// trace names them.
func TestTraceRegions(t *testing.T) {
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		t.Skipf("tracer busy: %v", err)
	}
	l := newLock(true, time.Millisecond)
	deadline := time.Now().Add(10 * time.Millisecond)
	runThreads(l, 2, func(int, *Thread) { spinUntil(l, deadline) })
	trace.Stop()
	for _, name := range []string{"gil.hold", "gil.wait"} {
		if !strings.Contains(buf.String(), name) {
			t.Errorf("trace has no %q region", name)
		}
	}
	// The regions must nest on each goroutine, or the trace reader (and
	// go tool trace) rejects the whole trace.
	r, err := xtrace.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("trace does not parse: %v", err)
		}
	}
}
