package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gokernel/magics"
)

func (s *Session) loadMagic() magics.Magic {
	return magics.Func{
		MagicName: "load", MagicKind: magics.LineMagic,
		Synopsis: "%load FILE",
		Help: `Replace the cell with the content of FILE, to edit and run it. The first
line of the new cell, a comment, says where it came from.`,
		Fn: func(env magics.Env, call magics.Call, _ string) error {
			name, err := oneArg("load", call.Args)
			if err != nil {
				return err
			}
			b, err := os.ReadFile(name)
			if err != nil {
				return fmt.Errorf("%%load: %w", err)
			}
			env.Payload(map[string]any{
				"source":  "set_next_input",
				"text":    "// %load " + call.Args + "\n" + string(b),
				"replace": true,
			})
			return nil
		},
	}
}

func (s *Session) writefileMagic() magics.Magic {
	return magics.Func{
		MagicName: "writefile", MagicKind: magics.CellMagic,
		Synopsis: "%%writefile [-a] FILE",
		Help:     "Write the body of the cell to FILE; with -a, append to it.",
		Fn:       writefile,
	}
}

func writefile(env magics.Env, call magics.Call, body string) error {
	o, rest, err := magics.ParseOptions(call.Args, "a")
	if err != nil {
		return magics.Usagef("%%%%writefile: %v", err)
	}
	name, err := oneArg("%writefile", rest)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(name)
	flags, verb := os.O_CREATE|os.O_WRONLY|os.O_TRUNC, "Writing"
	switch {
	case o.Has("a"):
		flags, verb = os.O_CREATE|os.O_WRONLY|os.O_APPEND, "Appending to"
	case statErr == nil:
		verb = "Overwriting"
	}
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	f, err := os.OpenFile(name, flags, 0o644)
	if err != nil {
		return fmt.Errorf("%%%%writefile: %w", err)
	}
	env.Stdout(verb + " " + name + "\n")
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return fmt.Errorf("%%%%writefile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%%%%writefile: %w", err)
	}
	return nil
}

func (s *Session) cdMagic() magics.Magic {
	return magics.Func{
		MagicName: "cd", MagicKind: magics.LineMagic,
		Synopsis: "%cd [DIR | -]",
		Help: `Change the kernel's working directory to DIR (~ is the home directory;
none: home; -: the previous one) and print it. Relative paths in cells and
magics start there.`,
		Fn: s.cd,
	}
}

func (s *Session) cd(env magics.Env, call magics.Call, _ string) error {
	dir := strings.TrimSpace(call.Args)
	if words, err := magics.Split(dir); err == nil && len(words) == 1 {
		dir = words[0]
	}
	switch {
	case dir == "" || dir == "~":
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("%%cd: %w", err)
		}
		dir = home
	case dir == "-":
		if s.mg.prevDir == "" {
			return magics.Usagef("%%cd -: no previous directory")
		}
		dir = s.mg.prevDir
	case strings.HasPrefix(dir, "~/"):
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("%%cd: %w", err)
		}
		dir = filepath.Join(home, dir[2:])
	}
	old, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		return fmt.Errorf("%%cd: %w", err)
	}
	s.mg.prevDir = old
	now, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("%%cd: %w", err)
	}
	env.Stdout(now + "\n")
	return nil
}

func (s *Session) pwdMagic() magics.Magic {
	return magics.Func{
		MagicName: "pwd", MagicKind: magics.LineMagic,
		Synopsis: "%pwd", Help: "Show the kernel's working directory as the cell's value.",
		Fn: func(env magics.Env, _ magics.Call, _ string) error {
			dir, err := os.Getwd()
			if err != nil {
				return fmt.Errorf("%%pwd: %w", err)
			}
			env.SetResult(dir)
			return nil
		},
	}
}

// oneArg is the single (possibly quoted) word of args.
func oneArg(magic, args string) (string, error) {
	words, err := magics.Split(args)
	if err != nil || len(words) != 1 {
		return "", magics.Usagef("%%%s needs exactly one file name", magic)
	}
	return words[0], nil
}
