package engine

import (
	"strings"

	"gokernel/magics"
)

// builtinMagics are the magics every session has.
func (s *Session) builtinMagics() []magics.Magic {
	return []magics.Magic{
		s.timeitMagic(), s.timeMagic(),
		s.lsmagicMagic(), s.magicMagic(),
		s.envMagic(), s.whoMagic(), s.whosMagic(), s.resetMagic(), s.historyMagic(),
		s.loadMagic(), s.writefileMagic(), s.cdMagic(), s.pwdMagic(),
		s.prunMagic(),
	}
}

func (s *Session) lsmagicMagic() magics.Magic {
	return magics.Func{
		MagicName: "lsmagic", MagicKind: magics.LineMagic,
		Synopsis: "%lsmagic", Help: "List the available magics.",
		Fn: func(env magics.Env, _ magics.Call, _ string) error {
			env.Stdout(s.mg.reg.LsMagic())
			return nil
		},
	}
}

func (s *Session) magicMagic() magics.Magic {
	return magics.Func{
		MagicName: "magic", MagicKind: magics.LineMagic,
		Synopsis: "%magic", Help: "Explain the magic system and every magic.",
		Fn: func(env magics.Env, _ magics.Call, _ string) error {
			env.Payload(pagePayload(s.magicHelp()))
			return nil
		},
	}
}

// magicHelp is %magic's text: how magics are written, then each one's help.
func (s *Session) magicHelp() string {
	var b strings.Builder
	b.WriteString(`Magics are commands for the kernel, written at the top of a cell.

A line magic (%name args) takes one line; several may open a cell, before
its Go code. A cell magic (%%name args) is the first line of a cell and
receives the rest of the cell as its body. %name? shows one magic's help,
%lsmagic lists them.

`)
	for _, m := range s.mg.reg.All() {
		b.WriteString(strings.Repeat("-", 72) + "\n" + m.Usage() + "\n\n" + m.Doc() + "\n\n")
	}
	return b.String()
}
