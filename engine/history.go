package engine

import (
	"fmt"
	"strconv"
	"strings"

	"gokernel/magics"
)

// historyEntry is the source of one executed cell.
type historyEntry struct {
	n    int
	code string
}

// remember adds a cell to the history, before it runs (so that %history
// lists itself, as IPython's does).
func (s *Session) remember(req Request) {
	if req.Silent || !req.StoreHistory {
		return
	}
	s.mg.histMu.Lock()
	defer s.mg.histMu.Unlock()
	s.mg.history = append(s.mg.history, historyEntry{req.ExecutionCount, req.Code})
}

func (s *Session) historyMagic() magics.Magic {
	return magics.Func{
		MagicName: "history", MagicKind: magics.LineMagic,
		Synopsis: "%history [-n] [RANGE ...]",
		Help: `Print the source of the cells run in this session.

RANGE is a cell number (4) or an inclusive range of them (1-3); without
RANGE, all cells. -n prints each cell's number before it.`,
		Fn: s.history,
	}
}

func (s *Session) history(env magics.Env, call magics.Call, _ string) error {
	o, rest, err := magics.ParseOptions(call.Args, "n")
	if err != nil {
		return magics.Usagef("%%history: %v", err)
	}
	ranges, err := parseRanges(rest)
	if err != nil {
		return err
	}
	s.mg.histMu.Lock()
	entries := append([]historyEntry(nil), s.mg.history...)
	s.mg.histMu.Unlock()
	var picked []historyEntry
	for _, e := range entries {
		if len(ranges) == 0 || inRanges(ranges, e.n) {
			picked = append(picked, e)
		}
	}
	width := 0
	for _, e := range picked {
		width = max(width, len(strconv.Itoa(e.n)))
	}
	var b strings.Builder
	for _, e := range picked {
		code := strings.TrimRight(e.code, "\n")
		if o.Has("n") {
			sep := " "
			if strings.Contains(code, "\n") {
				sep = "\n"
			}
			fmt.Fprintf(&b, "%-*d:%s", width, e.n, sep)
		}
		b.WriteString(code + "\n")
	}
	env.Stdout(b.String())
	return nil
}

type cellRange struct{ from, to int }

// parseRanges reads "1-3 5" (IPython's 1:4 for 1-3 too).
func parseRanges(s string) ([]cellRange, error) {
	var out []cellRange
	for _, w := range strings.Fields(s) {
		a, b, isRange := strings.Cut(w, "-")
		exclusive := false
		if !isRange {
			a, b, isRange = strings.Cut(w, ":")
			exclusive = isRange
		}
		from, err1 := strconv.Atoi(a)
		to, err2 := from, error(nil)
		if isRange {
			to, err2 = strconv.Atoi(b)
			if exclusive {
				to--
			}
		}
		if err1 != nil || err2 != nil || from < 0 || to < from {
			return nil, magics.Usagef("%%history: bad range %q (want N, N-M or N:M)", w)
		}
		out = append(out, cellRange{from, to})
	}
	return out, nil
}

func inRanges(rs []cellRange, n int) bool {
	for _, r := range rs {
		if r.from <= n && n <= r.to {
			return true
		}
	}
	return false
}
