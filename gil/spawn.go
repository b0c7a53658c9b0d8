package gil

import "runtime/debug"

// Go starts fn in a new goroutine that holds the lock while it runs, as a
// `go` statement of interpreted code needs. A panic in fn is recovered, the
// lock is released, and then onPanic (if not nil) gets the value and the
// goroutine's stack: a panic can neither kill the process nor leave the
// lock held.
func (l *Lock) Go(name string, fn func(), onPanic func(v any, stack []byte)) {
	go l.run(name, fn, onPanic)
}

func (l *Lock) run(name string, fn func(), onPanic func(v any, stack []byte)) {
	t := l.NewThread(name)
	var (
		v     any
		stack []byte
		bad   bool
	)
	func() {
		t.Acquire()
		defer t.Close()
		defer func() {
			if v = recover(); v != nil {
				bad, stack = true, debug.Stack()
			}
		}()
		fn()
	}()
	if bad && onPanic != nil {
		onPanic(v, stack)
	}
}
