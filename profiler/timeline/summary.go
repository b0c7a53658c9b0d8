package timeline

import (
	"fmt"
	"strings"
	"time"
)

// Summary is the table under a timeline.
type Summary struct {
	Wall        time.Duration
	User, Sys   time.Duration
	Parallelism float64 // (User+Sys) / Wall
	// Held is the time some goroutine held the lock; HeldShare is Held
	// over Wall.
	Held      time.Duration
	HeldShare float64
	// Waited is the time goroutines spent waiting for the lock, summed
	// over goroutines; WaitShare is Waited over the goroutines' summed
	// lifetimes (so two goroutines taking turns wait about half).
	Waited         time.Duration
	WaitShare      float64
	ForcedSwitches int
	Goroutines     []Totals
}

// Totals are one goroutine's times.
type Totals struct {
	ID      int64
	Name    string
	Span    time.Duration // first segment start to last segment end
	Held    time.Duration
	Waited  time.Duration
	Native  time.Duration
	Running time.Duration
	Blocked time.Duration
	Ready   time.Duration
	Forced  int
}

// Summary adds up the timeline.
func (t *Timeline) Summary() Summary {
	s := Summary{Wall: t.Wall, User: t.User, Sys: t.Sys, Parallelism: t.Parallelism()}
	var life time.Duration
	for _, r := range t.Rows {
		g := Totals{ID: r.ID, Name: r.Name, Span: r.Span(), Held: r.Total(Hold), Waited: r.Total(Wait),
			Native: r.Total(Native), Running: r.Total(Running), Blocked: r.Total(Blocked), Ready: r.Total(Ready), Forced: r.Forced()}
		s.Held += g.Held
		s.Waited += g.Waited
		s.ForcedSwitches += g.Forced
		life += g.Span
		s.Goroutines = append(s.Goroutines, g)
	}
	if t.Wall > 0 {
		s.HeldShare = float64(s.Held) / float64(t.Wall)
	}
	if life > 0 {
		s.WaitShare = float64(s.Waited) / float64(life)
	}
	return s
}

// overall is the summary as label/value pairs, in table order.
func (s Summary) overall() [][2]string {
	return [][2]string{
		{"wall", fmtDur(s.Wall)},
		{"CPU (user+sys)", fmt.Sprintf("%s (%s + %s)", fmtDur(s.User+s.Sys), fmtDur(s.User), fmtDur(s.Sys))},
		{"parallelism (CPU/wall)", fmt.Sprintf("%.2f", s.Parallelism)},
		{"lock held", fmt.Sprintf("%s of wall (%s)", pct(s.HeldShare), fmtDur(s.Held))},
		{"lock wait", fmt.Sprintf("%s of goroutine time (%s)", pct(s.WaitShare), fmtDur(s.Waited))},
		{"forced switches", fmt.Sprint(s.ForcedSwitches)},
	}
}

var totalsHeader = []string{"goroutine", "alive", "held", "waited", "native", "running", "blocked", "ready", "forced"}

func (g Totals) cells() []string {
	name := "g" + itoa(g.ID)
	if g.Name != "" {
		name += " " + g.Name
	}
	return []string{clip(name, 28), fmtDur(g.Span), fmtDur(g.Held), fmtDur(g.Waited), fmtDur(g.Native),
		fmtDur(g.Running), fmtDur(g.Blocked), fmtDur(g.Ready), fmt.Sprint(g.Forced)}
}

// HTML is the summary as two tables: the run's figures and per-goroutine
// totals.
func (s Summary) HTML() string {
	var b strings.Builder
	b.WriteString(`<table class="threads-summary">` + "\n")
	for _, kv := range s.overall() {
		fmt.Fprintf(&b, "<tr><th style=\"text-align:left\">%s</th><td style=\"text-align:left\">%s</td></tr>\n", esc(kv[0]), esc(kv[1]))
	}
	b.WriteString("</table>\n")
	b.WriteString(`<table class="threads-goroutines">` + "\n<tr>")
	for _, h := range totalsHeader {
		fmt.Fprintf(&b, "<th>%s</th>", h)
	}
	b.WriteString("</tr>\n")
	for _, g := range s.Goroutines[:min(len(s.Goroutines), MaxRows)] {
		b.WriteString("<tr>")
		for i, c := range g.cells() {
			align := "right"
			if i == 0 {
				align = "left"
			}
			fmt.Fprintf(&b, "<td style=\"text-align:%s\">%s</td>", align, esc(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}

// String is the summary as text.
func (s Summary) String() string {
	var b strings.Builder
	for _, kv := range s.overall() {
		fmt.Fprintf(&b, "%-24s %s\n", kv[0]+":", kv[1])
	}
	rows := [][]string{totalsHeader}
	for _, g := range s.Goroutines[:min(len(s.Goroutines), MaxRows)] {
		rows = append(rows, g.cells())
	}
	b.WriteString("\n")
	writeColumns(&b, rows)
	return b.String()
}

// writeColumns writes rows as aligned columns: the first left-aligned, the
// rest right-aligned.
func writeColumns(b *strings.Builder, rows [][]string) {
	width := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
}
