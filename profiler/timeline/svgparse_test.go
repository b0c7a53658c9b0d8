package timeline

import (
	"encoding/xml"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// svgSeg is a segment read back from a rendered picture.
type svgSeg struct {
	kind       string
	start, end float64 // ms
}

// svgTimeline is one timeline read back from a rendered picture.
type svgTimeline struct {
	title string
	rows  map[string][]svgSeg // by row name, or "name#goroutine" when names repeat
	names []string            // row keys in picture order
	ticks []float64
}

// parseSVG reads the timelines of a picture back from its XML, failing the
// test when it is not well-formed.
func parseSVG(t *testing.T, s string) []*svgTimeline {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var out []*svgTimeline
	var cur *svgTimeline
	row := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("picture is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		a := attrs(se)
		switch {
		case se.Name.Local == "g" && a["class"] == "timeline":
			cur = &svgTimeline{title: a["data-title"], rows: map[string][]svgSeg{}}
			out = append(out, cur)
		case se.Name.Local == "g" && a["class"] == "row":
			row = a["data-name"]
			if slices.Contains(cur.names, row) {
				row += "#" + a["data-goroutine"]
			}
			cur.names = append(cur.names, row)
		case se.Name.Local == "rect" && strings.HasPrefix(a["class"], "seg "):
			cur.rows[row] = append(cur.rows[row], svgSeg{kind: a["data-kind"], start: num(t, a["data-start-ms"]), end: num(t, a["data-end-ms"])})
		case se.Name.Local == "text" && a["data-tick-ms"] != "":
			cur.ticks = append(cur.ticks, num(t, a["data-tick-ms"]))
		}
	}
	return out
}

func attrs(se xml.StartElement) map[string]string {
	m := map[string]string{}
	for _, a := range se.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q in picture: %v", s, err)
	}
	return v
}

// ofKind returns a row's segments of one kind.
func ofKind(segs []svgSeg, kind string) []svgSeg {
	var out []svgSeg
	for _, s := range segs {
		if s.kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// checkAlternating checks that the hold segments of rows a and b never
// overlap and, in time order, alternate between the rows; it returns the
// hold lengths (ms).
func checkAlternating(t *testing.T, tl *svgTimeline, a, b string) []float64 {
	t.Helper()
	type hold struct {
		row        string
		start, end float64
	}
	var all []hold
	var lens []float64
	for _, r := range []string{a, b} {
		for _, s := range ofKind(tl.rows[r], "hold") {
			all = append(all, hold{r, s.start, s.end})
			lens = append(lens, s.end-s.start)
		}
	}
	slices.SortFunc(all, func(x, y hold) int { return cmpFloat(x.start, y.start) })
	if len(all) < 4 {
		t.Fatalf("want several holds in rows %s and %s, got %d", a, b, len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i].start < all[i-1].end-1e-3 {
			t.Errorf("holds overlap: %s %.3f–%.3f and %s %.3f–%.3f ms", all[i-1].row, all[i-1].start, all[i-1].end, all[i].row, all[i].start, all[i].end)
		}
		if all[i].row == all[i-1].row {
			t.Errorf("%s holds twice in a row at %.3f and %.3f ms", all[i].row, all[i-1].start, all[i].start)
		}
	}
	return lens
}

// overlap is the total time (ms) during which both rows have a segment of
// the kind.
func overlap(x, y []svgSeg) float64 {
	total := 0.0
	for _, a := range x {
		for _, b := range y {
			total += max(0, min(a.end, b.end)-max(a.start, b.start))
		}
	}
	return total
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func medianOf(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
