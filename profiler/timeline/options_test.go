package timeline

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseOptions(t *testing.T) {
	for _, c := range []struct {
		args string
		want Options
	}{
		{"", Options{}},
		{"--gil off", Options{Modes: []bool{false}}},
		{"--compare", Options{Modes: []bool{true, false}}},
		{"--gil off --compare", Options{Modes: []bool{false, true}}},
		{"--gil on --gil on", Options{Modes: []bool{true, true}}},
		{"--interval 2ms -o t.out", Options{Interval: 2 * time.Millisecond, Out: "t.out"}},
		{"--interval 0.001 --out 'a b.out'", Options{Interval: time.Millisecond, Out: "a b.out"}},
	} {
		got, err := ParseOptions(c.args)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseOptions(%q) = %+v, %v; want %+v", c.args, got, err, c.want)
		}
	}
	for _, bad := range []string{"--gil maybe", "--interval -1ms", "--gil on --gil off --gil on", "--bogus", "fmt.Println(1)", "-o"} {
		if _, err := ParseOptions(bad); err == nil {
			t.Errorf("ParseOptions(%q) succeeded", bad)
		} else if !strings.Contains(err.Error(), "%%threads") {
			t.Errorf("error %q does not name %%%%threads", err)
		}
	}
}

func TestTracePath(t *testing.T) {
	o := Options{Modes: []bool{true, false}, Out: "dir/trace.out"}
	if a, b := o.TracePath(0), o.TracePath(1); a != "dir/trace.gil-on.out" || b != "dir/trace.gil-off.out" {
		t.Errorf("paths %q %q", a, b)
	}
	o.Modes = []bool{true, true}
	if a, b := o.TracePath(0), o.TracePath(1); a == b {
		t.Errorf("both runs write %q", a)
	}
	if p := (Options{Out: "x"}).TracePath(0); p != "x" {
		t.Errorf("single run path %q", p)
	}
}

func TestBundle(t *testing.T) {
	b := Bundle(turns(2, time.Millisecond))
	for _, k := range []string{"text/html", "image/svg+xml", "text/plain"} {
		if s, _ := b[k].(string); s == "" {
			t.Errorf("bundle lacks %s", k)
		}
	}
	if !strings.HasPrefix(b["image/svg+xml"].(string), "<svg") || !strings.Contains(b["text/html"].(string), "<svg") {
		t.Error("pictures missing")
	}
}
