package gil

import "sync/atomic"

// atomicOr and atomicAndNot touch only the lock's bits of a word that other
// parts of the engine (interrupts) share.
// They report whether they changed the word.
func atomicOr(p *int32, bits int32) bool {
	if atomic.LoadInt32(p)&bits == bits {
		return false // already set: avoid a write that bounces the cache line
	}
	return atomic.OrInt32(p, bits)&bits != bits
}

func atomicAndNot(p *int32, bits int32) bool {
	if atomic.LoadInt32(p)&bits == 0 {
		return false
	}
	return atomic.AndInt32(p, ^bits)&bits != 0
}

// loadWord reads the breaker word as the checkpoint does.
func loadWord(p *int32) int32 { return atomic.LoadInt32(p) }
