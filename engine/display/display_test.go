package display

import (
	"image"
	"reflect"
	"strings"
	"testing"
)

type shown struct {
	data   map[string]any
	id     string
	update bool
}

type sink struct {
	got    []shown
	clears int
}

func (s *sink) Show(data, _ map[string]any, id string, update bool) {
	s.got = append(s.got, shown{data, id, update})
}
func (s *sink) Clear(bool) { s.clears++ }

func fakeBundle(v reflect.Value) (map[string]any, map[string]any) {
	return map[string]any{"text/plain": "v"}, nil
}

func call(syms map[string]reflect.Value, name string, args ...any) {
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = reflect.ValueOf(a)
	}
	syms[name].Call(in)
}

func TestFunctions(t *testing.T) {
	sk := &sink{}
	syms := Symbols(func() Sink { return sk }, fakeBundle)
	call(syms, "SVG", "<svg/>")
	call(syms, "PNG", []byte{1, 2})
	call(syms, "JSON", map[string]int{"a": 1})
	call(syms, "Image", image.Image(image.NewRGBA(image.Rect(0, 0, 1, 1))))
	call(syms, "ClearOutput", false)
	if len(sk.got) != 4 || sk.clears != 1 {
		t.Fatalf("got %+v, clears %d", sk.got, sk.clears)
	}
	if sk.got[0].data["image/svg+xml"] != "<svg/>" || sk.got[1].data["image/png"] != "AQI=" {
		t.Errorf("svg/png = %+v %+v", sk.got[0], sk.got[1])
	}
	if m, ok := sk.got[2].data["application/json"].(map[string]any); !ok || m["a"] != 1.0 {
		t.Errorf("json = %+v", sk.got[2].data)
	}
}

func TestProgressThrottles(t *testing.T) {
	sk := &sink{}
	l := &lib{sink: func() Sink { return sk }, bundle: fakeBundle}
	p := l.newProgress(1000)
	for range 1000 {
		p.Add(1)
	}
	p.Done()
	if n := len(sk.got); n < 100 || n > 103 {
		t.Errorf("%d messages for 1000 steps, want one per percent", n)
	}
	last := sk.got[len(sk.got)-1]
	if !last.update || last.id != sk.got[0].id || !strings.Contains(last.data["text/plain"].(string), "100%") {
		t.Errorf("last = %+v", last)
	}
}
