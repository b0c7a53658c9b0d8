package profiler

import (
	"sync"
	"sync/atomic"
)

// gtable maps goroutine keys to their states without a lock on the way in:
// open addressing over atomic slots, then a locked map for overflow. Each
// goroutine only ever looks up its own key, so a slot's state is written
// before any reader can want it.
type gtable struct {
	slots [tableSize]slot
	mu    sync.Mutex
	more  map[uintptr]*gstate
}

type slot struct {
	key atomic.Uintptr
	g   atomic.Pointer[gstate]
}

const (
	tableSize = 1 << 12
	maxProbe  = 32
)

func slotOf(key uintptr) uintptr {
	// Descriptors are aligned and allocated near each other: mix the bits.
	return uintptr(uint64(key)*0x9E3779B97F4A7C15>>20) & (tableSize - 1)
}

// get returns key's state or nil.
func (t *gtable) get(key uintptr) *gstate {
	h := slotOf(key)
	for i := uintptr(0); i < maxProbe; i++ {
		s := &t.slots[(h+i)&(tableSize-1)]
		switch s.key.Load() {
		case key:
			return s.g.Load()
		case 0:
			return nil
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.more[key]
}

// put stores g under g.key, which must not be present.
func (t *gtable) put(g *gstate) {
	h := slotOf(g.key)
	for i := uintptr(0); i < maxProbe; i++ {
		s := &t.slots[(h+i)&(tableSize-1)]
		if s.key.CompareAndSwap(0, g.key) {
			s.g.Store(g)
			return
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.more == nil {
		t.more = make(map[uintptr]*gstate)
	}
	t.more[g.key] = g
}
