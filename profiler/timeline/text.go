package timeline

import (
	"fmt"
	"strings"
	"time"
)

const textColumns = 72 // width of the text picture's plot

// Text is the timeline for consoles: a line per goroutine where each
// character shows what the goroutine did most in its slice of time, then a
// legend and the summary.
func (t *Timeline) Text() string {
	var b strings.Builder
	t.drawText(&b, t.end())
	b.WriteString("\n" + t.Summary().String())
	return b.String()
}

func (t *Timeline) drawText(b *strings.Builder, span time.Duration) {
	if span <= 0 {
		span = time.Millisecond
	}
	b.WriteString(t.heading() + "\n")
	rows := t.shown()
	w := labelColumns(rows)
	for _, r := range rows {
		fmt.Fprintf(b, "%-*s |%s|\n", w, clip(r.Label(), 28), textRow(&r, span))
	}
	if t.hiddenLines() > 0 {
		b.WriteString(t.hiddenNote() + "\n")
	}
	end := fmtDur(span)
	fmt.Fprintf(b, "%-*s  0%s%s\n", w, "", strings.Repeat(" ", max(1, textColumns-1-len(end))), end)
	var line strings.Builder
	for i, k := range kinds {
		fmt.Fprintf(&line, "%s %-36s", k.glyph(), k.Label())
		if i%3 == 2 || i == len(kinds)-1 {
			b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
			line.Reset()
		}
	}
}

func labelColumns(rows []Row) int {
	w := 0
	for _, r := range rows {
		w = max(w, len([]rune(clip(r.Label(), 28))))
	}
	return w
}

// textRow gives each column the kind that covers most of its time slice.
func textRow(r *Row, span time.Duration) string {
	cell := float64(span) / textColumns
	var out strings.Builder
	si := 0
	for c := range textColumns {
		lo, hi := time.Duration(float64(c)*cell), time.Duration(float64(c+1)*cell)
		for si < len(r.Segments) && r.Segments[si].End <= lo {
			si++
		}
		best, bestD := Kind(0), time.Duration(0)
		cover := map[Kind]time.Duration{}
		for j := si; j < len(r.Segments) && r.Segments[j].Start < hi; j++ {
			s := r.Segments[j]
			d := min(s.End, hi) - max(s.Start, lo)
			cover[s.Kind] += d
			if cover[s.Kind] > bestD {
				best, bestD = s.Kind, cover[s.Kind]
			}
		}
		if best == 0 {
			out.WriteByte(' ')
		} else {
			out.WriteString(best.glyph())
		}
	}
	return out.String()
}

// HTML is the picture followed by the summary table.
func (t *Timeline) HTML() string {
	return "<div class=\"threads\">\n" + t.SVG() + t.Summary().HTML() + "</div>\n"
}
