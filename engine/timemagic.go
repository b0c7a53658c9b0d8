package engine

import (
	"fmt"
	"strings"
	"time"

	"gokernel/internal/cputime"
	"gokernel/magics"
)

func (s *Session) timeMagic() magics.Magic {
	return magics.Func{
		MagicName: "time", MagicKind: magics.LineMagic | magics.CellMagic,
		Synopsis: "%time STATEMENT",
		Help: `Run a Go statement or cell once and print the CPU and wall time it took:

CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms
Wall time: 1.5 ms

CPU times are the kernel process's (all its goroutines). The value of a
final expression is still shown.`,
		Fn: s.timeStmt,
	}
}

func (s *Session) timeStmt(env magics.Env, call magics.Call, body string) error {
	src := magics.At(call.Line, call.Col, call.Args)
	if call.Cell {
		src = magics.At(call.Line+1, 1, body)
	}
	if strings.TrimSpace(src) == "" {
		return magics.Usagef("%%time: nothing to time; usage: %%time STATEMENT")
	}
	user0, sys0 := cputime.Process()
	start := time.Now()
	if err := env.Run(src); err != nil {
		return err
	}
	wall := time.Since(start)
	user1, sys1 := cputime.Process()
	user, sys := user1-user0, sys1-sys0
	env.Stdout(fmt.Sprintf("CPU times: user %s, sys: %s, total: %s\nWall time: %s\n",
		magics.FormatDuration(user, 3), magics.FormatDuration(sys, 3),
		magics.FormatDuration(user+sys, 3), magics.FormatDuration(wall, 3)))
	return nil
}
