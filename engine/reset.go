package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/traefik/yaegi/interp"

	"gokernel/magics"
)

func (s *Session) resetMagic() magics.Magic {
	return magics.Func{
		MagicName: "reset", MagicKind: magics.LineMagic,
		Synopsis: "%reset [-f]",
		Help: `Forget every variable, function, type and import: the next cell runs in
a fresh interpreter. The kernel keeps running, with its history, working
directory and environment. Without -f, asks for confirmation first.`,
		Fn: s.reset,
	}
}

func (s *Session) reset(env magics.Env, call magics.Call, _ string) error {
	o, rest, err := magics.ParseOptions(call.Args, "fs")
	if err != nil || strings.TrimSpace(rest) != "" {
		return magics.Usagef("%%reset: usage: %%reset [-f]")
	}
	if !o.Has("f") {
		answer, err := env.Input("Once deleted, variables cannot be recovered. Proceed (y/[n])? ", false)
		if errors.Is(err, ErrNoStdin) {
			return magics.Usagef("%%reset: this front end cannot answer the confirmation; use %%reset -f")
		}
		if err != nil {
			return fmt.Errorf("%%reset: %w", err)
		}
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			env.Stdout("Nothing done.\n")
			return nil
		}
	}
	return s.freshInterpreter()
}

// freshInterpreter replaces the interpreter by a new one with the same
// streams, arguments and environment, and forgets what cells declared.
// Goroutines that cells started keep running in the old one.
func (s *Session) freshInterpreter() error {
	e, err := s.osEnv()
	if err != nil {
		return err
	}
	s.in = interp.New(interp.Options{
		Stdin:  &stdinReader{s: s},
		Stdout: streamWriter{s: s, name: "stdout"},
		Stderr: streamWriter{s: s, name: "stderr"},
		Args:   s.mg.args,
		Env:    e.environ(),
	})
	// useSymbols declares the checkpoint flag in the new interpreter too.
	s.decl.mu.Lock()
	s.decl.init()
	s.decl.mu.Unlock()
	s.mg.types.init()
	if err := s.useSymbols(); err != nil {
		return fmt.Errorf("%%reset: loading symbols: %w", err)
	}
	return s.useMagicSymbols()
}
