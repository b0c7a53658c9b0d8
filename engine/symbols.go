package engine

import (
	"fmt"
	"io"
	"path"
	"reflect"
	"strings"

	"github.com/traefik/yaegi/interp"

	"gokernel/engine/display"
	"gokernel/engine/stdlib"
)

// displayKey is where `import "gokernel/display"` finds its symbols.
const displayKey = "gokernel/display/display"

// useSymbols loads the standard library, the kernel's replacements for
// symbols a cell must not use as they are (os.Exit, time.Sleep, ...), the
// display package and the runtime that rewritten cells call.
func (s *Session) useSymbols() error {
	if err := s.in.Use(stdlib.Symbols); err != nil {
		return err
	}
	over := s.overrides()
	over[displayKey] = display.Symbols(s.displaySink, s.bundle)
	s.gilOverrides(over)
	if err := s.in.Use(over); err != nil {
		return err
	}
	rtKey := runtimePath + "/" + path.Base(runtimePath)
	if err := s.in.Use(interp.Exports{rtKey: s.runtimeSymbols()}); err != nil {
		return err
	}
	if err := s.in.Use(interp.Exports{rtKey: s.gilRuntimeSymbols()}); err != nil {
		return err
	}
	if err := s.in.Use(interp.Exports{rtKey: s.profileSymbols()}); err != nil {
		return err
	}
	s.useFlag() // the checkpoint flag lives in the interpreter
	s.exports = interp.Exports{}
	s.pkgName = map[string]string{}
	for _, table := range []interp.Exports{stdlib.Symbols, over} {
		for k, syms := range table {
			if k == "." || strings.HasPrefix(k, "github.com/traefik/yaegi") {
				continue
			}
			if s.exports[k] == nil {
				s.exports[k] = map[string]reflect.Value{}
			}
			for name, v := range syms {
				s.exports[k][name] = v
			}
			s.pkgName[path.Dir(k)] = path.Base(k)
		}
	}
	return nil
}

// runtimeSymbols are what rewritten cells call: the checkpoint word P (L
// loads it atomically) and its slow path S, Go for go statements and R for
// the final value.
func (s *Session) runtimeSymbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"P":  reflect.ValueOf(&s.word).Elem(),
		"S":  reflect.ValueOf(s.cp.Slow),
		"L":  reflect.ValueOf(s.cp.Bits),
		"Go": reflect.ValueOf(s.goStart),
		"R":  reflect.ValueOf(s.result),
		// Closed types comma-ok receives at top level (rewrite.CommaOK).
		"Closed": reflect.ValueOf(closeLike),
	}
}

// overrides replaces symbols that would end, block or escape the kernel.
func (s *Session) overrides() interp.Exports {
	var (
		stdout io.Writer = streamWriter{s: s, name: "stdout"}
		stderr io.Writer = streamWriter{s: s, name: "stderr"}
		stdin  io.Reader = &stdinReader{s: s}
	)
	logOutput := s.in.Symbols("log")["log"]["Output"].Interface().(func(int, string) error)
	fatal := func(via, msg string) {
		_ = logOutput(3, msg)
		panic(exitRequest{code: 1, via: via})
	}
	return interp.Exports{
		"os/os": {
			"Exit":   reflect.ValueOf(func(code int) { panic(exitRequest{code: code, via: "os.Exit"}) }),
			"Stdout": reflect.ValueOf(&stdout).Elem(),
			"Stderr": reflect.ValueOf(&stderr).Elem(),
			"Stdin":  reflect.ValueOf(&stdin).Elem(),
		},
		"log/log": {
			"Fatal":   reflect.ValueOf(func(v ...any) { fatal("log.Fatal", fmt.Sprint(v...)) }),
			"Fatalf":  reflect.ValueOf(func(f string, v ...any) { fatal("log.Fatalf", fmt.Sprintf(f, v...)) }),
			"Fatalln": reflect.ValueOf(func(v ...any) { fatal("log.Fatalln", fmt.Sprintln(v...)) }),
		},
		"time/time": {
			"Sleep": reflect.ValueOf(s.sleep),
		},
		"runtime/runtime": {
			"Goexit": reflect.ValueOf(s.goexit),
		},
	}
}
