package engine

import (
	"fmt"
	"go/ast"
	"reflect"

	"gokernel/engine/rt"
	"gokernel/gil"
)

// The interpreter lock (DESIGN §3). The session's lock shares the
// checkpoint word: its drop request is the word's rt.Lock bit, so the
// checkpoint's fast path stays one load for every request.
//
// The cell's goroutine holds the lock through the session's main thread,
// taken by E (prepended to every cell) and given back when the run ends;
// goroutines cells start take their own thread in runLocked.

// initLock makes the session's lock from the environment and installs it
// as the one `import "gokernel/gil"` reaches.
func (s *Session) initLock() error {
	c, err := gil.FromEnv()
	c.Word, c.Mask, c.Notify = s.word, rt.Lock, s.syncFlag
	s.cp.OnChange(s.syncFlag) // once, before any goroutine may set bits
	s.lock = gil.New(c)
	s.mainThread = s.lock.NewThread("main")
	s.policy = newPolicies()
	gil.SetDefault(s.lock)
	return err
}

// Lock is the session's interpreter lock.
func (s *Session) Lock() *gil.Lock { return s.lock }

// enter is E: the cell's goroutine takes the lock before its first
// statement. An interrupt while it waits ends the cell.
func (s *Session) enter() {
	s.bg.noteCell()
	if err := s.mainThread.AcquireInterruptible(); err != nil {
		panic(Interrupted{})
	}
}

// leave gives the lock back when a run ends (from the host side: the
// interpreter runs the cell on a goroutine of its own, and Release needs no
// particular goroutine).
func (s *Session) leave() { s.mainThread.Release() }

// unlock is U: release the lock before a blocking channel operation.
func (s *Session) unlock() *gil.Thread { return s.lock.Save() }

// relock is A: take the lock back after it. An interrupt while waiting
// stops the goroutine it is meant for and lets the others wait on.
func (s *Session) relock(t *gil.Thread) {
	if t == nil {
		return
	}
	if err := t.AcquireInterruptible(); err != nil {
		if s.interruptHere() {
			panic(Interrupted{})
		}
		t.Acquire()
	}
}

// unlockIfChan is RU: release the lock before ranging over x when x is a
// channel; nil (keep going, lock held) otherwise.
func (s *Session) unlockIfChan(x any) *gil.Thread {
	if x == nil || reflect.TypeOf(x).Kind() != reflect.Chan {
		return nil
	}
	return s.lock.Save()
}

// runLocked runs a goroutine's function holding a thread of its own. The
// deferred Close releases the lock even when f panics, before the caller
// reports the panic.
func (s *Session) runLocked(f func()) {
	t := s.lock.NewThread(fmt.Sprintf("goroutine %d", goid()))
	defer t.Close()
	s.relock(t)
	f()
}

// lockCheckpoint is the lock's part of the checkpoint slow path.
func (s *Session) lockCheckpoint(bits int32) {
	if bits&rt.Lock != 0 {
		s.lock.Checkpoint()
	}
}

// blocking runs fn with the caller's lock released (time.Sleep, sync
// waits, I/O, native code).
func (s *Session) blocking(fn func()) { s.lock.Blocking(fn) }

// gilRuntimeSymbols are the lock's entries in the runtime package that
// rewritten cells call.
func (s *Session) gilRuntimeSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"E":  reflect.ValueOf(s.enter),
		"U":  reflect.ValueOf(s.unlock),
		"A":  reflect.ValueOf(s.relock),
		"RU": reflect.ValueOf(s.unlockIfChan),
		"UM": reflect.ValueOf(s.unlockIfWaits),
		// Thread types the variables that hold what A needs.
		"Thread": reflect.ValueOf((*gil.Thread)(nil)),
	}
}

// enterLock makes the cell's statements start by taking the lock.
func (s *Session) enterLock(b *ast.BlockStmt) {
	call := &ast.ExprStmt{X: &ast.CallExpr{Fun: s.cellHook("E")}}
	b.List = append([]ast.Stmt{call}, b.List...)
}
