package engine

import (
	"go/parser"
	"reflect"
	"strconv"
	"sync/atomic"

	"gokernel/engine/rt"
)

// The checkpoint's fast path reads an interpreted bool, flagName, that
// mirrors "the checkpoint word is not zero", and calls the interpreted
// function slowName, which calls the slow path. Measured against the same
// cells without checkpoints, this costs far less than `*_gk.P != 0` (see
// engine/bench_test.go and rewrite.FlagCheckpoints). The word stays the
// host int32 that the lock and the engine set bits in; every change to it
// calls syncFlag, which copies "word != 0" into the flag under a mutex, so
// the last writer always leaves the flag matching the word. The word's
// rt.Profile bit is left out of flagName and read, with the rest, by
// function entries through profFlagName (profile.go): while profiling,
// loops keep their fast path.
const (
	flagName    = "_gkb"
	slowName    = "_gks"
	preludeName = "gokernel-prelude"
)

// useFlag declares the flag and the slow function in the interpreter. On
// failure checkpoints keep reading the word through rt's pointer.
func (s *Session) useFlag() {
	if raceEnabled {
		// Race builds read the word with an atomic load (L); the flag is
		// read plainly by design, and the interpreter also copies globals.
		return
	}
	src := "package main\nimport " + rtName + " " + strconv.Quote(runtimePath) +
		"\nvar " + flagName + " bool\nfunc " + slowName + "() { " + rtName + ".S() }\n" + profilePrelude() + hookPrelude()
	f, err := parser.ParseFile(s.in.FileSet(), preludeName, src, 0)
	if err != nil {
		return
	}
	prog, err := s.compile(f)
	if err != nil {
		return
	}
	if _, err := s.in.Execute(prog); err != nil {
		return
	}
	v, ok := s.in.Globals()[flagName]
	if !ok || !v.CanAddr() || v.Kind() != reflect.Bool {
		return
	}
	pv, ok := s.in.Globals()[profFlagName]
	if !ok || !pv.CanAddr() || pv.Kind() != reflect.Bool {
		return
	}
	s.flagMu.Lock()
	s.flag = v.Addr().Interface().(*bool)
	s.pflag = pv.Addr().Interface().(*bool)
	s.flagMu.Unlock()
	s.syncFlag()
}

// syncFlag copies "word != 0" into the flags: the profiler's bit into
// the one function entries read only.
func (s *Session) syncFlag() {
	s.flagMu.Lock()
	if s.flag != nil {
		w := atomic.LoadInt32(s.word)
		*s.flag = w&^rt.Profile != 0
		*s.pflag = w != 0
	}
	s.flagMu.Unlock()
}

// useFlagCheckpoints reports whether cells get flag checkpoints.
func (s *Session) useFlagCheckpoints() bool {
	s.flagMu.Lock()
	defer s.flagMu.Unlock()
	return s.flag != nil
}
