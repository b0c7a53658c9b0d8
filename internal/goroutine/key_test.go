package goroutine

import (
	"sync"
	"testing"
)

func TestKeyStableWithinGoroutine(t *testing.T) {
	if Key() != Key() {
		t.Fatal("Key changed between two calls on one goroutine")
	}
	if Key() == 0 {
		t.Fatal("Key is zero")
	}
}

func TestKeyDiffersAcrossLiveGoroutines(t *testing.T) {
	const n = 8
	keys := make([]uintptr, n)
	var started, release sync.WaitGroup
	started.Add(n)
	release.Add(1)
	var done sync.WaitGroup
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			keys[i] = Key()
			started.Done()
			release.Wait() // keep every goroutine alive until all have a key
		}()
	}
	started.Wait()
	release.Done()
	done.Wait()
	seen := map[uintptr]bool{Key(): true}
	for _, k := range keys {
		if seen[k] {
			t.Fatalf("key %#x shared by two live goroutines", k)
		}
		seen[k] = true
	}
}

func TestID(t *testing.T) {
	if ID() <= 0 {
		t.Fatalf("ID() = %d", ID())
	}
}

func BenchmarkKey(b *testing.B) {
	for b.Loop() {
		_ = Key()
	}
}
