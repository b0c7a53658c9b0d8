package profiler

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

type svgFrame struct {
	title string
	x, w  float64
	y     float64
}

// parseFlame reads the frames of a flame graph, failing on malformed XML.
func parseFlame(t *testing.T, svg string) []svgFrame {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var frames []svgFrame
	var cur *svgFrame
	inTitle := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "g":
				frames = append(frames, svgFrame{})
				cur = &frames[len(frames)-1]
			case "title":
				inTitle = true
			case "rect":
				for _, a := range tok.Attr {
					v, _ := strconv.ParseFloat(a.Value, 64)
					switch a.Name.Local {
					case "x":
						cur.x = v
					case "y":
						cur.y = v
					case "width":
						cur.w = v
					}
				}
			}
		case xml.EndElement:
			inTitle = inTitle && tok.Name.Local != "title"
		case xml.CharData:
			if inTitle {
				cur.title += string(tok)
			}
		}
	}
	return frames
}

func TestFlameGraphWidths(t *testing.T) {
	p := sample()
	frames := parseFlame(t, p.FlameGraph())
	if len(frames) != 9 { // "all" and the eight paths
		t.Fatalf("%d frames", len(frames))
	}
	all := frames[0]
	if all.w <= 0 || !strings.HasPrefix(all.title, "all") {
		t.Fatalf("first frame %+v", all)
	}
	total := float64(p.Total())
	byTitle := map[string]svgFrame{}
	for _, f := range frames[1:] {
		byTitle[strings.SplitN(f.title, "\n", 2)[0]+"@"+strconv.FormatFloat(f.y, 'f', 1, 64)] = f
	}
	// Each frame is as wide as its path's cumulative time.
	p.walk(func(path []*node) {
		n := path[len(path)-1]
		key := p.fn(n.fn).String() + "@" + strconv.FormatFloat(flameTop+float64(len(path))*flameRow, 'f', 1, 64)
		f, ok := byTitle[key]
		if !ok {
			t.Fatalf("no frame %s", key)
		}
		if want := float64(n.cum) / total * all.w; math.Abs(f.w-want) > 0.01 {
			t.Errorf("%s: width %.2f, want %.2f", key, f.w, want)
		}
		if !strings.Contains(f.title, "calls: "+strconv.FormatInt(n.calls, 10)+"\n") {
			t.Errorf("%s: title %q lacks its calls", key, f.title)
		}
	})
	// Children start where their parent starts and stay inside it.
	main := byTitle["cell[2]:1(main)@"+strconv.FormatFloat(flameTop+flameRow, 'f', 1, 64)]
	for _, f := range frames[2:] {
		if f.x < main.x-0.01 || f.x+f.w > main.x+main.w+0.01 {
			t.Errorf("frame %q outside main", f.title)
		}
	}
}

func TestFlameGraphEmptyAndEscaped(t *testing.T) {
	p := built([]Func{{File: "cell[1]", Line: 1, Name: "<func literal>"}})
	frames := parseFlame(t, p.FlameGraph())
	if len(frames) != 1 {
		t.Fatalf("empty profile drew %d frames", len(frames))
	}
	p = built([]Func{{File: "cell[1]", Line: 1, Name: "<func literal>"}}, pathSpec{[]string{"<func literal>"}, 1, 1000})
	frames = parseFlame(t, p.FlameGraph())
	if len(frames) != 2 || !strings.HasPrefix(frames[1].title, "cell[1]:1(<func literal>)") {
		t.Fatalf("frames %+v", frames)
	}
}

func TestFlameColoursByCell(t *testing.T) {
	a := flameColour(Func{File: "cell[1]"}, 1)
	b := flameColour(Func{File: "cell[1]"}, 4)
	c := flameColour(Func{File: "cell[2]"}, 1)
	hue := func(s string) string { return strings.SplitN(s, ",", 2)[0] }
	if hue(a) != hue(b) || hue(a) == hue(c) {
		t.Fatalf("colours %s %s %s", a, b, c)
	}
}

func TestFitLabel(t *testing.T) {
	if got := fitLabel("fib (cell[1]:3)", 1000); got != "fib (cell[1]:3)" {
		t.Errorf("wide: %q", got)
	}
	if got := fitLabel("fib (cell[1]:3)", 50); !strings.HasSuffix(got, "..") || len(got) >= len("fib (cell[1]:3)") {
		t.Errorf("narrow: %q", got)
	}
	if got := fitLabel("fib", 10); got != "" {
		t.Errorf("tiny: %q", got)
	}
}
