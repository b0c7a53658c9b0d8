package magics

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want Cell
	}{
		{"plain go", "x := 1\nx", Cell{Body: "x := 1\nx"}},
		{"line magic with code", "%timeit -n 10 f(x)", Cell{
			Lines: []Call{{Name: "timeit", Args: "-n 10 f(x)", Line: 1, Col: 9}}, Body: ""}},
		{"two line magics then go", "%gil off\n%env A=1\nfmt.Println(1)", Cell{
			Lines: []Call{{Name: "gil", Args: "off", Line: 1, Col: 6}, {Name: "env", Args: "A=1", Line: 2, Col: 6}},
			Body:  "\n\nfmt.Println(1)"}},
		{"comments between", "// setup\n%gil on\n\nx", Cell{
			Lines: []Call{{Name: "gil", Args: "on", Line: 2, Col: 6}}, Body: "\n\n\nx"}},
		{"cell magic", "%%timeit -r 3 setup()\nwork()\nmore()", Cell{
			Cell: &Call{Name: "timeit", Args: "-r 3 setup()", Line: 1, Col: 10, Cell: true}, Body: "\nwork()\nmore()"}},
		{"cell magic after blank line", "\n%%time\nx", Cell{
			Cell: &Call{Name: "time", Line: 2, Col: 7, Cell: true}, Body: "\n\nx"}},
		{"help", "%timeit?", Cell{Lines: []Call{{Name: "timeit", Line: 1, Col: 9, Help: true}}}},
		{"percent inside code is not a magic", "x := 7 % 3\n%gil", Cell{Body: "x := 7 % 3\n%gil"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Parse(%q) =\n%#v\nwant\n%#v", c.src, got, c.want)
			}
		})
	}
}

func TestCallPos(t *testing.T) {
	c, err := Parse("x := 1\n  %timeit  -n 3\tf(x)")
	if err != nil {
		t.Fatal(err)
	}
	// Go code after a magic line is not a magic: only a leading line is.
	if len(c.Lines) != 0 {
		t.Fatalf("magic after code parsed: %#v", c)
	}
	c, err = Parse("  %timeit  -n 3\tf(x)")
	if err != nil {
		t.Fatal(err)
	}
	call := c.Lines[0]
	_, rest, _ := ParseOptions(call.Args, "n:")
	line, col := call.Pos(rest)
	src := "  %timeit  -n 3\tf(x)"
	if line != 1 || src[col-1:] != "f(x)" {
		t.Errorf("Pos(%q) = %d:%d", rest, line, col)
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"%gil on\n%%time\nx", "%", "%%", "%bad$name"} {
		if _, err := Parse(src); err == nil {
			t.Errorf("Parse(%q): no error", src)
		}
	}
}

func TestBodyKeepsLineNumbers(t *testing.T) {
	src := "%gil off\n%env X=1\nline3\nline4"
	c, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(c.Body, "\n")[2]; got != "line3" {
		t.Errorf("line 3 of body = %q", got)
	}
}

func TestSplit(t *testing.T) {
	cases := map[string][]string{
		``:                        nil,
		`a b  c`:                  {"a", "b", "c"},
		`-o 'my file.txt' x`:      {"-o", "my file.txt", "x"},
		`"a \"q\" b" c\ d`:        {`a "q" b`, "c d"},
		`it's"" ''`:               nil, // unterminated quote: checked below
		`--interval=1ms --gil on`: {"--interval=1ms", "--gil", "on"},
	}
	for in, want := range cases {
		got, err := Split(in)
		if in == `it's"" ''` {
			if err == nil {
				t.Errorf("Split(%q): want error for unterminated quote", in)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseOptions(t *testing.T) {
	opts, rest, err := ParseOptions(`-n 10 -r 3 -q fmt.Sprint("-n", x)`, "n:r:qop:")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Last("n", "") != "10" || opts.Last("r", "") != "3" || !opts.Has("q") || opts.Has("o") {
		t.Errorf("opts = %v", opts)
	}
	if rest != `fmt.Sprint("-n", x)` {
		t.Errorf("rest = %q", rest)
	}

	opts, rest, err = ParseOptions(`-s time -s calls -D 'out file.pb.gz' fib(20)`, "s:l:D:T:qr")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(opts["s"], []string{"time", "calls"}) || opts.Last("D", "") != "out file.pb.gz" || rest != "fib(20)" {
		t.Errorf("opts = %v, rest = %q", opts, rest)
	}

	opts, rest, err = ParseOptions(`--gil off --compare --interval 1ms`, "o:", "gil:", "interval:", "compare")
	if err != nil || opts.Last("gil", "") != "off" || !opts.Has("compare") || opts.Last("interval", "") != "1ms" || rest != "" {
		t.Errorf("long options: %v %q %v", opts, rest, err)
	}

	if _, rest, err := ParseOptions(`-x - 1`, "n:"); err == nil {
		t.Errorf("unknown flag accepted, rest %q", rest)
	}
	if _, rest, _ := ParseOptions(`-1 + x`, "n:"); rest != "-1 + x" {
		t.Errorf("negative number taken for a flag: rest %q", rest)
	}
	if _, _, err := ParseOptions(`-n`, "n:"); err == nil {
		t.Error("missing value accepted")
	}
	if _, rest, _ := ParseOptions(`-- -n`, "n:"); rest != "-n" {
		t.Errorf("-- did not end flags: %q", rest)
	}
}
