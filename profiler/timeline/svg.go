package timeline

import (
	"fmt"
	"html"
	"strings"
	"time"
)

// Layout of the picture, in pixels.
const (
	svgWidth    = 960
	labelWidth  = 180
	rightMargin = 24
	plotWidth   = svgWidth - labelWidth - rightMargin
	rowHeight   = 16
	rowGap      = 6
	titleHeight = 22
	axisHeight  = 30
	legendRow   = 18
	minSegPx    = 0.1 // narrower segments are invisible: leave them out
)

// SVG draws the timeline: a labelled row per goroutine, an axis in
// milliseconds and a legend. Each segment is a rect with a hover title and
// data-kind, data-start-ms and data-end-ms attributes.
func (t *Timeline) SVG() string {
	var b strings.Builder
	h := t.height() + legendHeight()
	openSVG(&b, h)
	t.draw(&b, 0, t.end())
	drawLegend(&b, t.height())
	b.WriteString("</svg>\n")
	return b.String()
}

// height is the height of the title, rows and axis.
func (t *Timeline) height() int {
	return titleHeight + (len(t.shown())+t.hiddenLines())*(rowHeight+rowGap) + axisHeight
}

func openSVG(b *strings.Builder, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n",
		svgWidth, h, svgWidth, h)
	fmt.Fprintf(b, `<rect x="0" y="0" width="%d" height="%d" fill="white"/>`+"\n", svgWidth, h)
}

// draw writes the title, rows and axis at vertical offset y0, with span
// the time that the plot's width shows.
func (t *Timeline) draw(b *strings.Builder, y0 int, span time.Duration) {
	if span <= 0 {
		span = time.Millisecond
	}
	x := func(d time.Duration) float64 { return labelWidth + plotWidth*float64(d)/float64(span) }
	fmt.Fprintf(b, `<g class="timeline" data-title="%s" data-wall-ms="%s" data-span-ms="%s">`+"\n",
		esc(t.heading()), fmtMs(msOf(t.Wall)), fmtMs(msOf(span)))
	fmt.Fprintf(b, `<text x="4" y="%d" font-size="13" font-weight="bold">%s</text>`+"\n", y0+15, esc(t.heading()))
	rows := t.shown()
	for i, r := range rows {
		y := y0 + titleHeight + i*(rowHeight+rowGap)
		t.drawRow(b, &r, y, x)
	}
	y := y0 + titleHeight + len(rows)*(rowHeight+rowGap)
	if t.hiddenLines() > 0 {
		fmt.Fprintf(b, `<text x="4" y="%d" font-style="italic">%s</text>`+"\n", y+rowHeight-4, esc(t.hiddenNote()))
		y += rowHeight + rowGap
	}
	drawAxis(b, y, span, x)
	b.WriteString("</g>\n")
}

func (t *Timeline) heading() string {
	s := t.Title
	if s == "" {
		s = "lock off"
		if t.LockOn {
			s = "lock on, switch interval " + t.Interval.String()
		}
	}
	s = fmt.Sprintf("%s — wall %s, parallelism %.2f", s, fmtDur(t.Wall), t.Parallelism())
	if t.Truncated {
		s += " (lock events truncated: the earliest are missing)"
	}
	return s
}

func (t *Timeline) drawRow(b *strings.Builder, r *Row, y int, x func(time.Duration) float64) {
	fmt.Fprintf(b, `<g class="row" data-goroutine="%d" data-name="%s">`+"\n", r.ID, esc(r.Name))
	fmt.Fprintf(b, `<text x="4" y="%d">%s</text>`+"\n", y+rowHeight-4, esc(clip(r.Label(), 28)))
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#f7f7f7"/>`+"\n", labelWidth, y, plotWidth, rowHeight)
	for _, s := range r.Segments {
		x0, x1 := x(s.Start), x(s.End)
		if x1-x0 < minSegPx {
			continue
		}
		fmt.Fprintf(b, `<rect class="seg %s" x="%.2f" y="%d" width="%.2f" height="%d" fill="%s" data-kind="%s" data-start-ms="%.4f" data-end-ms="%.4f"><title>%s</title></rect>`+"\n",
			s.Kind, x0, y, x1-x0, rowHeight, s.Kind.color(), s.Kind, msOf(s.Start), msOf(s.End), esc(segTitle(r, s)))
	}
	b.WriteString("</g>\n")
}

// segTitle is the hover text of a segment.
func segTitle(r *Row, s Segment) string {
	what := s.Kind.Label()
	if s.Kind == Blocked && s.Reason != "" {
		what = "blocked on " + s.Reason
	}
	t := fmt.Sprintf("%s: %s for %s (%s–%s ms)", r.Label(), what, fmtDur(s.Duration()), fmtMs(msOf(s.Start)), fmtMs(msOf(s.End)))
	if s.Forced {
		t += ", ended by a forced switch"
	}
	return t
}

func drawAxis(b *strings.Builder, y int, span time.Duration, x func(time.Duration) float64) {
	fmt.Fprintf(b, `<g class="axis"><line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", labelWidth, y, labelWidth+plotWidth, y)
	step := niceStep(span, 8)
	for v := 0.0; v <= msOf(span)+step*1e-9; v += step {
		px := x(time.Duration(v * float64(time.Millisecond)))
		fmt.Fprintf(b, `<line x1="%.2f" y1="%d" x2="%.2f" y2="%d" stroke="black"/>`, px, y, px, y+4)
		fmt.Fprintf(b, `<text x="%.2f" y="%d" text-anchor="middle" data-tick-ms="%s">%s</text>`+"\n", px, y+16, fmtMs(v), fmtMs(v))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">ms</text></g>`+"\n", labelWidth-6, y+16)
}

func legendHeight() int { return 2 * legendRow }

func drawLegend(b *strings.Builder, y int) {
	b.WriteString(`<g class="legend">` + "\n")
	const perLine = 3
	for i, k := range kinds {
		lx := 4 + (i%perLine)*300
		ly := y + (i/perLine)*legendRow
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="12" height="12" fill="%s" data-kind="%s"/><text x="%d" y="%d">%s</text>`+"\n",
			lx, ly, k.color(), k, lx+16, ly+10, esc(k.Label()))
	}
	b.WriteString("</g>\n")
}

func esc(s string) string { return html.EscapeString(s) }

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
