package mime_test

import (
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"gokernel/engine/mime"
)

type Point struct{ X, Y int }

type Node struct {
	V    int
	Next *Node
}

type hidden struct {
	when time.Time
	n    int
}

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%g°C", float64(c)) }

type PtrStringer struct{ N int }

func (p *PtrStringer) String() string { return fmt.Sprintf("PS%d", p.N) }

type ValueError struct{ Msg string }

func (e ValueError) Error() string { return e.Msg }

func TestText(t *testing.T) {
	var nilPoint *Point
	var nilSlice []int
	var nilMap map[string]int
	var nilErr error
	cycle := &Node{V: 1}
	cycle.Next = cycle
	day := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"string", "gopher", `"gopher"`},
		{"string escapes", "a\"b\n", `"a\"b\n"`},
		{"int", 42, "42"},
		{"float", 1.5, "1.5"},
		{"float whole", 2.0, "2"},
		{"complex", complex(1, 2), "(1+2i)"},
		{"bool", true, "true"},
		{"nil", nilErr, "nil"},
		{"slice", []int{1, 2}, "[]int{1, 2}"},
		{"nil slice", nilSlice, "[]int(nil)"},
		{"empty slice", []string{}, "[]string{}"},
		{"array", [2]bool{true, false}, "[2]bool{true, false}"},
		{"map sorted", map[string]int{"b": 2, "a": 1, "c": 3}, `map[string]int{"a":1, "b":2, "c":3}`},
		{"map int keys", map[int]string{10: "x", 2: "y"}, `map[int]string{2:"y", 10:"x"}`},
		{"nil map", nilMap, "map[string]int(nil)"},
		{"struct", Point{1, 2}, "mime_test.Point{X:1, Y:2}"},
		{"pointer to struct", &Point{1, 2}, "&mime_test.Point{X:1, Y:2}"},
		{"nil pointer", nilPoint, "(*mime_test.Point)(nil)"},
		{"slice of structs elides", []Point{{1, 2}}, "[]mime_test.Point{{X:1, Y:2}}"},
		{"slice of pointers elides", []*Point{{1, 2}, nil}, "[]*mime_test.Point{{X:1, Y:2}, nil}"},
		{"map of structs", map[string]Point{"o": {}}, `map[string]mime_test.Point{"o":{X:0, Y:0}}`},
		{"any slice", []any{1, "a", nil, Point{}}, `[]any{1, "a", nil, mime_test.Point{X:0, Y:0}}`},
		{"bytes text", []byte("hi"), `[]byte("hi")`},
		{"bytes binary", []byte{0, 255}, "[]uint8{0, 255}"},
		{"duration", 1500 * time.Millisecond, "1.5s"},
		{"durations", []time.Duration{time.Second, time.Minute}, "[]time.Duration{1s, 1m0s}"},
		{"time", day, "2024-05-06 07:08:09 +0000 UTC"},
		{"big int", big.NewInt(12345), "12345"},
		{"value stringer", Celsius(21.5), "21.5°C"},
		{"pointer receiver stringer", PtrStringer{7}, "PS7"},
		{"errors.New", errors.New("boom"), `error("boom")`},
		{"wrapped", fmt.Errorf("ctx: %w", errors.New("boom")), `error("ctx: boom")`},
		{"typed error", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, `*fs.PathError("open x: file does not exist")`},
		{"value error", ValueError{"bad"}, `mime_test.ValueError("bad")`},
		{"unexported fields use String", hidden{when: day, n: 3}, "mime_test.hidden{when:2024-05-06 07:08:09 +0000 UTC, n:3}"},
		{"cycle", cycle, fmt.Sprintf("&mime_test.Node{V:1, Next:(*mime_test.Node)(%p)}", cycle)},
		{"func nil", (func(int) string)(nil), "(func(int) string)(nil)"},
		{"anonymous struct", struct{ A []any }{}, "struct{A []any}{A:[]any(nil)}"},
		{"pointer to int", new(int), "(*int)(0x"},
		{"variadic func type", []func(...int) (int, error){nil}, "[]func(...int) (int, error){nil}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mime.Text(reflect.ValueOf(tt.v))
			if tt.name == "pointer to int" {
				if !strings.HasPrefix(got, tt.want) {
					t.Errorf("Text = %q, want prefix %q", got, tt.want)
				}
				return
			}
			if got != tt.want {
				t.Errorf("Text = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTextInvalid(t *testing.T) {
	if got := mime.Text(reflect.Value{}); got != "nil" {
		t.Errorf("Text(invalid) = %q, want nil", got)
	}
}

func TestTextTruncates(t *testing.T) {
	tests := []struct {
		name     string
		v        any
		opts     mime.Options
		wantTail string
		maxLen   int // most bytes of text
	}{
		{"items", make([]int, 1500), mime.Options{}, ", …(500 more)}", 5000},
		{"small limit", []int{1, 2, 3, 4, 5}, mime.Options{MaxItems: 2}, "[]int{1, 2, …(3 more)}", 100},
		{"ten million", make([]int, 10_000_000), mime.Options{}, ", …(9999000 more)}", 5000},
		{"budget", square(1000), mime.Options{}, " more)}", 80 << 10},
		{"long string", strings.Repeat("é", 100_000), mime.Options{MaxText: 100}, " more bytes)", 400},
		{"nested", make([][]int, 100), mime.Options{MaxItems: 3}, "[][]int{nil, nil, nil, …(97 more)}", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.opts.Text(reflect.ValueOf(tt.v))
			if len(got) > tt.maxLen {
				t.Errorf("len(Text) = %d, want ≤ %d", len(got), tt.maxLen)
			}
			if !strings.HasSuffix(got, tt.wantTail) {
				t.Errorf("Text = …%q, want suffix %q", got[max(0, len(got)-60):], tt.wantTail)
			}
		})
	}
}

func square(n int) [][]int {
	s := make([][]int, n)
	for i := range s {
		s[i] = make([]int, n)
	}
	return s
}
