package profiler

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Restriction limits the rows Write prints, as the arguments of pstats'
// print_stats: an int keeps that many rows, a float64 in [0, 1) that
// fraction of them, a string the rows whose filename:lineno(function)
// matches it as a regular expression. ParseRestriction reads one from
// text.
type Restriction any

// ParseRestriction reads s as an int, else a float, else a pattern, as
// IPython reads %prun -l.
func ParseRestriction(s string) Restriction {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return s
}

// Write prints the table in pstats' print_stats layout.
func (s *Stats) Write(w io.Writer, restrictions ...Restriction) error {
	var b strings.Builder
	fmt.Fprintf(&b, "         %d function calls ", s.TotalCalls)
	if s.TotalCalls != s.PrimCalls {
		fmt.Fprintf(&b, "(%d primitive calls) ", s.PrimCalls)
	}
	fmt.Fprintf(&b, "in %.3f seconds\n\n", seconds(s.TotalTime))
	msg := "   Random listing order was used\n"
	if s.SortType != "" {
		msg = "   Ordered by: " + s.SortType + "\n"
	}
	rows := s.Funcs
	for _, r := range restrictions {
		rows, msg = restrict(rows, r, msg)
	}
	if len(rows) > 0 {
		b.WriteString(msg + "\n")
		b.WriteString("   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n")
		for i := range rows {
			writeRow(&b, &rows[i])
		}
		b.WriteString("\n\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write stats: %w", err)
	}
	return nil
}

// restrict applies one restriction as pstats' eval_print_amount does.
func restrict(rows []FuncStats, r Restriction, msg string) ([]FuncStats, string) {
	kept := rows
	switch r := r.(type) {
	case string:
		rex, err := regexp.Compile(r)
		if err != nil {
			return rows, msg + fmt.Sprintf("   <Invalid regular expression %s>\n", pyRepr(r))
		}
		kept = nil
		for _, f := range rows {
			if rex.MatchString(f.String()) {
				kept = append(kept, f)
			}
		}
	case float64:
		if 0 <= r && r < 1 {
			kept = rows[:int(float64(len(rows))*r+.5)]
		}
	case int:
		if 0 <= r && r < len(rows) {
			kept = rows[:r]
		}
	}
	if len(kept) != len(rows) {
		msg += fmt.Sprintf("   List reduced from %d to %d due to restriction <%s>\n", len(rows), len(kept), pyRepr(r))
	}
	return kept, msg
}

// writeRow prints one row as pstats' print_line.
func writeRow(b *strings.Builder, f *FuncStats) {
	c := strconv.FormatInt(f.Calls, 10)
	if f.Calls != f.PrimCalls {
		c += "/" + strconv.FormatInt(f.PrimCalls, 10)
	}
	fmt.Fprintf(b, "%9s %8.3f ", c, seconds(f.TotTime))
	if f.Calls == 0 {
		b.WriteString("         ")
	} else {
		fmt.Fprintf(b, "%8.3f ", seconds(f.TotTime)/float64(f.Calls))
	}
	fmt.Fprintf(b, "%8.3f ", seconds(f.CumTime))
	if f.PrimCalls == 0 {
		b.WriteString("         ")
	} else {
		fmt.Fprintf(b, "%8.3f ", seconds(f.CumTime)/float64(f.PrimCalls))
	}
	b.WriteString(f.String() + "\n")
}

func seconds(d time.Duration) float64 { return d.Seconds() }

// pyRepr writes v as Python's repr would: restrictions are echoed so.
func pyRepr(v any) string {
	switch v := v.(type) {
	case string:
		q := "'"
		if strings.Contains(v, "'") && !strings.Contains(v, `"`) {
			q = `"`
		}
		v = strings.ReplaceAll(v, `\`, `\\`)
		if q == "'" {
			v = strings.ReplaceAll(v, "'", `\'`)
		}
		return q + v + q
	case float64:
		s := strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0"
		}
		return s
	default:
		return fmt.Sprint(v)
	}
}
