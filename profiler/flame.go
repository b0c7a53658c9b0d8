package profiler

import (
	"fmt"
	"hash/fnv"
	"html"
	"strings"
	"time"
)

// Flame graph geometry, in pixels.
const (
	flameWidth  = 1000.0
	flameRow    = 18.0
	flameTop    = 28.0
	flameFont   = 11.0
	flameCharW  = 6.7 // monospace advance at flameFont
	flameMinW   = 0.2 // narrower frames are not drawn
	flameMaxRow = 200
)

// FlameGraph draws the call tree as an icicle graph in SVG: the profile on
// top, callees below their callers, each frame as wide as its cumulative
// time. Frames are coloured by cell (compiled functions grey), and hovering
// one shows its name, calls and times.
func (p *Profile) FlameGraph() string {
	total := p.root.sumKids()
	depth := min(treeDepth(&p.root), flameMaxRow)
	h := flameTop + float64(depth+1)*flameRow + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family="Menlo, Consolas, 'DejaVu Sans Mono', monospace" font-size="%g">`+"\n",
		flameWidth, h, flameWidth, h, flameFont)
	fmt.Fprintf(&b, `<text x="4" y="16" font-size="13">Call profile: %d calls, %s in profiled code (width = cumulative time)</text>`+"\n",
		countCalls(&p.root), fmtDur(total))
	f := flame{p: p, b: &b, total: total, maxRow: depth}
	f.frame("all", "", total, 0, total, 0, 0, "#d8d8d8")
	if total > 0 {
		f.kids(&p.root, 0, 1)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

type flame struct {
	p      *Profile
	b      *strings.Builder
	total  int64
	maxRow int
}

// kids draws n's children from x (in nanoseconds of the total) on row.
func (f *flame) kids(n *node, x int64, row int) {
	if row > f.maxRow {
		return
	}
	for _, k := range n.kids {
		if float64(k.cum)/float64(f.total)*flameWidth >= flameMinW {
			fn := f.p.fn(k.fn)
			f.frame(fn.String(), flameLabel(fn), k.cum, k.calls, k.own(), x, row, flameColour(fn, row))
			f.kids(k, x, row+1)
		}
		x += k.cum
	}
}

// frame draws one frame with its hover title and, if it fits, its label.
func (f *flame) frame(name, label string, cum, calls, own, x int64, row int, fill string) {
	w := flameWidth
	px := 0.0
	if f.total > 0 {
		w = float64(cum) / float64(f.total) * flameWidth
		px = float64(x) / float64(f.total) * flameWidth
	}
	if label == "" {
		label = name
	}
	y := flameTop + float64(row)*flameRow
	title := fmt.Sprintf("%s\ncalls: %d\ncumulative: %s (%.1f%%)\nown: %s", name, calls, fmtDur(cum), pct(cum, f.total), fmtDur(own))
	if row == 0 {
		title = fmt.Sprintf("all\ncumulative: %s", fmtDur(cum))
	}
	fmt.Fprintf(f.b, `<g><title>%s</title><rect x="%.2f" y="%.1f" width="%.2f" height="%.1f" fill="%s" stroke="#fff" stroke-width="0.5" rx="1"/>`,
		html.EscapeString(title), px, y, w, flameRow-1, fill)
	if text := fitLabel(label, w); text != "" {
		fmt.Fprintf(f.b, `<text x="%.2f" y="%.1f" fill="#000">%s</text>`, px+3, y+flameRow-5, html.EscapeString(text))
	}
	f.b.WriteString("</g>\n")
}

// flameLabel is the short name drawn inside a frame.
func flameLabel(fn Func) string {
	if fn.Native {
		return fn.Name
	}
	return fn.pprofName()
}

// fitLabel truncates s to the frame's width, or drops it when not even a
// few characters fit.
func fitLabel(s string, w float64) string {
	n := int((w - 6) / flameCharW)
	r := []rune(s)
	switch {
	case n >= len(r):
		return s
	case n < 3:
		return ""
	default:
		return string(r[:n-2]) + ".."
	}
}

// flameColour gives each cell its own hue, a shade lighter or darker by
// depth so neighbours stand apart; compiled functions are grey.
func flameColour(fn Func, row int) string {
	light := 62 + (row%3)*6
	if fn.Native {
		return fmt.Sprintf("hsl(0, 0%%, %d%%)", light+8)
	}
	h := fnv.New32a()
	h.Write([]byte(fn.File))
	hue := h.Sum32() % 360
	return fmt.Sprintf("hsl(%d, 70%%, %d%%)", hue, light)
}

func treeDepth(n *node) int {
	d := 0
	for _, k := range n.kids {
		d = max(d, 1+treeDepth(k))
	}
	return d
}

func countCalls(n *node) int64 {
	c := n.calls
	for _, k := range n.kids {
		c += countCalls(k)
	}
	return c
}

func pct(a, total int64) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(a) / float64(total)
}

// fmtDur prints a duration with three significant digits.
func fmtDur(ns int64) string {
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3g s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3g ms", float64(d)/1e6)
	case d >= time.Microsecond:
		return fmt.Sprintf("%.3g µs", float64(d)/1e3)
	default:
		return fmt.Sprintf("%d ns", ns)
	}
}
