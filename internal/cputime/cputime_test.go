package cputime

import (
	"testing"
	"time"
)

// Burning CPU for a while shows up as user time.
func TestProcessCountsWork(t *testing.T) {
	user0, sys0 := Process()
	x := 0.0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x += 1.5
	}
	user1, sys1 := Process()
	if user1 <= user0 || sys1 < sys0 {
		t.Errorf("user %v → %v, sys %v → %v after 50ms of work (x=%v)", user0, user1, sys0, sys1, x)
	}
}
