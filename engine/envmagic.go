package engine

import (
	"fmt"
	"strings"

	"gokernel/magics"
)

func (s *Session) envMagic() magics.Magic {
	return magics.Func{
		MagicName: "env", MagicKind: magics.LineMagic,
		Synopsis: "%env [NAME[=VALUE] | NAME VALUE]",
		Help: `Get or set environment variables of the cells (os.Getenv, os.Environ).

%env             show all variables
%env NAME        show the value of NAME
%env NAME=VALUE  set NAME (also %env NAME VALUE)

Cells see their own environment: the kernel's real one is not changed.`,
		Fn: s.envCmd,
	}
}

// osEnv is the interpreter's environment, as cells see it through package os.
type osEnv struct {
	lookup  func(string) (string, bool)
	set     func(string, string) error
	environ func() []string
}

func (s *Session) osEnv() (osEnv, error) {
	os := s.in.Symbols("os")["os"]
	e := osEnv{}
	var ok1, ok2, ok3 bool
	e.lookup, ok1 = os["LookupEnv"].Interface().(func(string) (string, bool))
	e.set, ok2 = os["Setenv"].Interface().(func(string, string) error)
	e.environ, ok3 = os["Environ"].Interface().(func() []string)
	if !ok1 || !ok2 || !ok3 {
		return e, fmt.Errorf("%%env: the interpreter's os package has no environment functions")
	}
	return e, nil
}

func (s *Session) envCmd(env magics.Env, call magics.Call, _ string) error {
	e, err := s.osEnv()
	if err != nil {
		return err
	}
	args := strings.TrimSpace(call.Args)
	if args == "" {
		all := map[string]string{}
		for _, kv := range e.environ() {
			k, v, _ := strings.Cut(kv, "=")
			all[k] = v
		}
		env.SetResult(all)
		return nil
	}
	name, value, set := strings.Cut(args, "=")
	if !set {
		name, value, set = strings.Cut(args, " ")
	}
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if words, err := magics.Split(value); err == nil && len(words) == 1 {
		value = words[0]
	}
	if !set {
		v, ok := e.lookup(name)
		if !ok {
			return magics.Usagef("Environment does not have key: %s", name)
		}
		env.SetResult(v)
		return nil
	}
	if name == "" {
		return magics.Usagef("%%env: missing variable name before =")
	}
	if err := e.set(name, value); err != nil {
		return fmt.Errorf("%%env: setting %s: %w", name, err)
	}
	env.Stdout("env: " + name + "=" + value + "\n")
	return nil
}
