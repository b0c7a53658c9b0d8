package gil

// Interrupt makes every [Thread.AcquireInterruptible] waiting now, and every
// one called until [Lock.ClearInterrupt], return ErrInterrupted without the
// lock. Plain Acquire keeps waiting. The engine sets its own bit in the
// breaker word too, so the holder sees the interrupt at its next checkpoint.
func (l *Lock) Interrupt() {
	l.interrupted.Store(true)
	l.mu.Lock()
	for _, t := range l.queue {
		t.signal()
	}
	l.mu.Unlock()
}

// ClearInterrupt ends the interrupt (at the end of the cell).
func (l *Lock) ClearInterrupt() { l.interrupted.Store(false) }

// Interrupted reports whether an interrupt is pending.
func (l *Lock) Interrupted() bool { return l.interrupted.Load() }
