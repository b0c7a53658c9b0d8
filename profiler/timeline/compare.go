package timeline

import (
	"fmt"
	"strings"
)

// Comparison is the same code run twice, typically with the lock on and
// then off, drawn on one time scale.
type Comparison struct {
	A, B *Timeline
}

// Speedup is A's wall time over B's.
func (c Comparison) Speedup() float64 {
	if c.B.Wall <= 0 {
		return 0
	}
	return float64(c.A.Wall) / float64(c.B.Wall)
}

func (c Comparison) heading() string {
	return fmt.Sprintf("speedup %.2f× (wall %s → %s)", c.Speedup(), fmtDur(c.A.Wall), fmtDur(c.B.Wall))
}

// SVG draws both timelines, one above the other, on the scale of the
// longer, then the speedup and a legend.
func (c Comparison) SVG() string {
	span := max(c.A.end(), c.B.end())
	ha, hb := c.A.height(), c.B.height()
	var b strings.Builder
	openSVG(&b, ha+hb+titleHeight+legendHeight())
	c.A.draw(&b, 0, span)
	c.B.draw(&b, ha, span)
	fmt.Fprintf(&b, `<text class="speedup" x="4" y="%d" font-size="13" font-weight="bold" data-speedup="%.3f">%s</text>`+"\n",
		ha+hb+15, c.Speedup(), esc(c.heading()))
	drawLegend(&b, ha+hb+titleHeight)
	b.WriteString("</svg>\n")
	return b.String()
}

// HTML is the picture and both summaries side by side.
func (c Comparison) HTML() string {
	var b strings.Builder
	b.WriteString("<div class=\"threads-compare\">\n" + c.SVG())
	b.WriteString("<table><tr>")
	for _, t := range []*Timeline{c.A, c.B} {
		fmt.Fprintf(&b, "<td style=\"vertical-align:top\"><b>%s</b>\n%s</td>", esc(t.label()), t.Summary().HTML())
	}
	b.WriteString("</tr></table>\n</div>\n")
	return b.String()
}

// Text is both text pictures on one scale, the speedup, and both summaries.
func (c Comparison) Text() string {
	span := max(c.A.end(), c.B.end())
	var b strings.Builder
	c.A.drawText(&b, span)
	b.WriteString("\n")
	c.B.drawText(&b, span)
	b.WriteString("\n" + c.heading() + "\n")
	for _, t := range []*Timeline{c.A, c.B} {
		b.WriteString("\n" + t.label() + "\n" + t.Summary().String())
	}
	return b.String()
}

// label names a timeline in a comparison.
func (t *Timeline) label() string {
	if t.Title != "" {
		return t.Title
	}
	if t.LockOn {
		return "lock on"
	}
	return "lock off"
}
