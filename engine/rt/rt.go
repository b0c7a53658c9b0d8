// Package rt is the small runtime that rewritten cells call into: the
// checkpoint word that every function entry and loop body reads, and the slow
// path taken when a bit of it is set.
//
// Cells read the word through a pointer (`if *P != 0 { S() }`): a host
// variable compared in interpreted code is frozen at compile time, a pointer
// dereference is not. The common path is one load and one compare. The
// engine's cheaper default reads an interpreted bool that OnChange keeps
// equal to "word != 0" instead.
package rt

import "sync/atomic"

// Bits of the checkpoint word. Each asks the next checkpoint to take the
// slow path for one reason.
const (
	// Interrupt asks the running cell to stop.
	Interrupt int32 = 1 << iota
	// StackCheck asks the next checkpoint to measure the goroutine's stack.
	StackCheck
	// Lock asks the goroutine holding the interpreter lock to hand it over.
	Lock
	// Profile asks function entries to call the profiler. Loop
	// checkpoints ignore it where the engine's flags tell them apart.
	Profile
)

// Checkpoint is one interpreter's checkpoint word and its slow path.
type Checkpoint struct {
	word   *int32
	slow   func(bits int32)
	notify func()
}

// OnChange makes Set and Clear call f after they change the word.
func (c *Checkpoint) OnChange(f func()) { c.notify = f }

// New returns a checkpoint whose slow path calls slow with the word's bits.
func New(slow func(bits int32)) *Checkpoint {
	return &Checkpoint{word: new(int32), slow: slow}
}

// Word returns the address the rewritten code reads.
func (c *Checkpoint) Word() *int32 { return c.word }

// Set sets bits in the word.
func (c *Checkpoint) Set(bits int32) {
	atomic.OrInt32(c.word, bits)
	if c.notify != nil {
		c.notify()
	}
}

// Clear clears bits in the word.
func (c *Checkpoint) Clear(bits int32) {
	atomic.AndInt32(c.word, ^bits)
	if c.notify != nil {
		c.notify()
	}
}

// Bits returns the word's current bits.
func (c *Checkpoint) Bits() int32 { return atomic.LoadInt32(c.word) }

// Slow is the slow path a checkpoint calls when the word is not zero.
func (c *Checkpoint) Slow() {
	if b := c.Bits(); b != 0 {
		c.slow(b)
	}
}
