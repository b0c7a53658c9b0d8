package kernel

import (
	"gokernel/kernel/wire"
)

// historySession is the session number of the current session: history
// lives in memory, so there is only this one.
const historySession = 1

type histEntry struct {
	line   int
	input  string
	output *string // text/plain of the execute_result, if any
}

// history is the cells of this session that were stored, in order.
type history struct {
	entries []histEntry
}

func (h *history) add(line int, input string, output *string) {
	h.entries = append(h.entries, histEntry{line, input, output})
}

// tail returns the last n entries.
func (h *history) tail(n int) []histEntry {
	if n < 0 || n > len(h.entries) {
		n = len(h.entries)
	}
	return h.entries[len(h.entries)-n:]
}

// lines returns entries with start <= line < stop of the current session
// (0 or 1); stop <= 0 means to the end, as IPython's get_range.
func (h *history) lines(session, start, stop int) []histEntry {
	if session != 0 && session != historySession {
		return nil
	}
	var out []histEntry
	for _, e := range h.entries {
		if e.line >= start && (stop <= 0 || e.line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// search returns entries whose input matches the glob pattern (* and ?),
// the last n if n > 0, keeping only the latest of equal inputs if unique.
func (h *history) search(pattern string, n int, unique bool) []histEntry {
	if pattern == "" {
		pattern = "*"
	}
	var out []histEntry
	seen := map[string]bool{}
	for i := len(h.entries) - 1; i >= 0; i-- {
		e := h.entries[i]
		if !globMatch(pattern, e.input) || (unique && seen[e.input]) {
			continue
		}
		seen[e.input] = true
		out = append(out, e)
		if n > 0 && len(out) == n {
			break
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// globMatch matches s against a pattern where * is any run of characters
// (newlines included, as SQLite's GLOB that IPython uses) and ? is one.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	pi, ti := 0, 0
	star, mark := -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case star >= 0:
			pi = star + 1
			mark++
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

func (k *Kernel) historyRequest(m wire.Message) {
	var c wire.HistoryRequest
	if err := m.Unmarshal(&c); err != nil {
		k.log.Print(err)
	}
	var entries []histEntry
	switch c.HistAccessType {
	case "tail":
		entries = k.history.tail(c.N)
	case "range":
		entries = k.history.lines(c.Session, c.Start, c.Stop)
	case "search":
		entries = k.history.search(c.Pattern, c.N, c.Unique)
	default:
		k.log.Printf("history: unknown hist_access_type %q", c.HistAccessType)
	}
	rows := make([][]any, 0, len(entries))
	for _, e := range entries {
		var input any = e.input
		if c.Output {
			var out any
			if e.output != nil {
				out = *e.output
			}
			input = []any{e.input, out}
		}
		rows = append(rows, []any{historySession, e.line, input})
	}
	k.reply(k.shell, m, "history_reply", wire.HistoryReply{Status: "ok", History: rows})
}
