package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gokernel/magics"
)

// timeitLine is %timeit's output line, as IPython writes it plus Go's
// allocation figures, after IPython's warning when runs were uneven (as
// runs of a few loops can be).
var timeitLine = regexp.MustCompile(`^(?:The slowest run took [0-9.]+ times longer than the fastest\. This could mean that an intermediate result is being cached\.\n)?[0-9.]+ (ns|μs|ms|s) ± [0-9.]+ (ns|μs|ms|s) per loop \(mean ± std\. dev\. of (\d+) runs?, ([0-9,]+) loops? each\), [0-9.,]+ allocs/op, [0-9.,]+ B/op\n$`)

func TestTimeitCountsLoops(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "counter := 0")
	_, out := mustRun(t, s, "%timeit -n 10 -r 3 counter++")
	m := timeitLine.FindStringSubmatch(out.out("stdout"))
	if m == nil || m[3] != "3" || m[4] != "10" {
		t.Fatalf("output %q", out.out("stdout"))
	}
	res, _ := mustRun(t, s, "counter")
	if plain(res) != "30" {
		t.Errorf("statement ran %s times, want 30", plain(res))
	}
	// Not a multiple of the unrolled loop: the rest loop runs it.
	mustRun(t, s, "counter = 0")
	mustRun(t, s, "%timeit -q -n 1234 -r 2 counter++")
	if res, _ := mustRun(t, s, "counter"); plain(res) != "2468" {
		t.Errorf("statement ran %s times, want 2468", plain(res))
	}
}

func TestTimeitCalibrates(t *testing.T) {
	s := newSession(t)
	_, out := mustRun(t, s, "%timeit -r 2 1+1")
	m := timeitLine.FindStringSubmatch(out.out("stdout"))
	if m == nil {
		t.Fatalf("output %q", out.out("stdout"))
	}
	// A loop of 1+1 takes well under 20 ms: calibration goes past 10.
	if n := strings.ReplaceAll(m[4], ",", ""); len(n) < 3 || strings.Trim(n, "0") != "1" {
		t.Errorf("loops = %s, want a power of ten ≥ 100", m[4])
	}
}

func TestCellTimeitSetupOncePerRun(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "setups, loops := 0, 0")
	_, out := mustRun(t, s, "%%timeit -n 5 -r 4 setups++; local := 2\nloops += local")
	if !timeitLine.MatchString(out.out("stdout")) {
		t.Fatalf("output %q", out.out("stdout"))
	}
	res, _ := mustRun(t, s, "[]int{setups, loops}")
	if plain(res) != "[]int{4, 40}" {
		t.Errorf("setups, loops×2 = %s, want []int{4, 40}", plain(res))
	}
}

func TestTimeitErrors(t *testing.T) {
	s := newSession(t)
	res, _ := run(t, s, "%timeit -n 1 -r 1 nosuch + 1")
	if res.Error == nil || res.Error.Name != "CompileError" || !strings.Contains(res.Error.Value, ":1:19: undefined: nosuch") {
		t.Errorf("compile error = %+v", res.Error)
	}
	res, _ = run(t, s, "%%timeit -n 1 -r 1\nx := 1\npanic(\"boom\")")
	if res.Error == nil || res.Error.Name != "panic" || res.Error.Value != "boom" {
		t.Errorf("panic = %+v", res.Error)
	}
	res, _ = run(t, s, "%timeit -n x 1")
	if res.Error == nil || res.Error.Name != "UsageError" {
		t.Errorf("bad -n = %+v", res.Error)
	}
}

func TestTimeitStore(t *testing.T) {
	s := newSession(t)
	res, out := mustRun(t, s, "%timeit -o -q -n 3 -r 2 _ = 1")
	if out.out("stdout") != "" {
		t.Errorf("-q printed %q", out.out("stdout"))
	}
	if !strings.Contains(plain(res), "per loop") {
		t.Errorf("-o value = %q", plain(res))
	}
	res, _ = mustRun(t, s, "[]int{_timeit.Loops, _timeit.Repeat, len(_timeit.Timings)}")
	if plain(res) != "[]int{3, 2, 2}" {
		t.Errorf("_timeit = %s", plain(res))
	}
	res, _ = mustRun(t, s, "_timeit.Best <= _timeit.Worst && _timeit.Best > 0")
	if plain(res) != "true" {
		t.Errorf("best/worst = %s", plain(res))
	}
}

var timeLines = regexp.MustCompile(`^CPU times: user [0-9.]+ (ns|μs|ms|s), sys: [0-9.]+ (ns|μs|ms|s), total: [0-9.]+ (ns|μs|ms|s)\nWall time: [0-9.]+ (ns|μs|ms|s)\n$`)

func TestTime(t *testing.T) {
	s := newSession(t)
	res, out := mustRun(t, s, "%time x := 6 * 7")
	if !timeLines.MatchString(out.out("stdout")) {
		t.Errorf("output %q", out.out("stdout"))
	}
	res, out = mustRun(t, s, "%%time\ny := x + 1\ny")
	if plain(res) != "43" || !timeLines.MatchString(out.out("stdout")) {
		t.Errorf("value %q, output %q", plain(res), out.out("stdout"))
	}
	res, _ = mustRun(t, s, "%time 6 * 7\nz := 1")
	if res.Data != nil {
		t.Errorf("a cell ending in a statement shows %v", res.Data)
	}
	res, _ = run(t, s, "%%time\n\nnosuch")
	if res.Error == nil || !strings.Contains(res.Error.Value, ":3:1: undefined: nosuch") {
		t.Errorf("error = %+v", res.Error)
	}
}

func TestUnknownMagic(t *testing.T) {
	s := newSession(t)
	res, _ := run(t, s, "%nosuch 1")
	if res.Error == nil || res.Error.Name != "UsageError" || !strings.Contains(res.Error.Value, "%timeit") {
		t.Errorf("error = %+v", res.Error)
	}
	res, out := mustRun(t, s, "%lsmagic")
	if !strings.Contains(out.out("stdout"), "%%timeit") || !strings.Contains(out.out("stdout"), "%who") {
		t.Errorf("lsmagic: %q", out.out("stdout"))
	}
	res, _ = mustRun(t, s, "%timeit?")
	if len(res.Payload) != 1 || res.Payload[0]["source"] != "page" ||
		!strings.Contains(res.Payload[0]["data"].(map[string]any)["text/plain"].(string), "-n N") {
		t.Errorf("help payload = %v", res.Payload)
	}
}

func TestRegisterMagic(t *testing.T) {
	s := newSession(t)
	s.Magics().Register(magics.Func{MagicName: "hello", MagicKind: magics.LineMagic, Synopsis: "%hello",
		Fn: func(env magics.Env, c magics.Call, _ string) error {
			env.Stdout("hello " + c.Args + "\n")
			return env.Run(magics.At(2, 1, "1 + 1"))
		}})
	res, out := mustRun(t, s, "%hello gopher")
	if out.out("stdout") != "hello gopher\n" || plain(res) != "2" {
		t.Errorf("out %q, value %q", out.out("stdout"), plain(res))
	}
	if c := s.Complete("%he", 3); len(c.Matches) != 1 || c.Matches[0] != "%hello" {
		t.Errorf("completion %v", c.Matches)
	}
}

func TestEnvMagic(t *testing.T) {
	s := newSession(t)
	_, out := mustRun(t, s, "%env GK_TEST_VAR=a b")
	if out.out("stdout") != "env: GK_TEST_VAR=a b\n" {
		t.Errorf("set printed %q", out.out("stdout"))
	}
	res, _ := mustRun(t, s, "import \"os\"\nos.Getenv(\"GK_TEST_VAR\")")
	if plain(res) != `"a b"` {
		t.Errorf("os.Getenv = %s", plain(res))
	}
	if res, _ := mustRun(t, s, "%env GK_TEST_VAR"); plain(res) != `"a b"` {
		t.Errorf("%%env NAME = %s", plain(res))
	}
	if res, _ := run(t, s, "%env GK_NO_SUCH_VAR"); res.Error == nil {
		t.Error("missing variable: no error")
	}
	if os.Getenv("GK_TEST_VAR") != "" {
		t.Error("the kernel's own environment changed")
	}
}

func TestWhoWhos(t *testing.T) {
	s := newSession(t)
	_, out := mustRun(t, s, "%who")
	if out.out("stdout") != emptyNamespace {
		t.Errorf("empty who: %q", out.out("stdout"))
	}
	mustRun(t, s, "type Point struct{ X, Y int }\nb := 2\nvar a = \"x\"\np := Point{1, 2}\nfunc f() {}")
	_, out = mustRun(t, s, "%who")
	if out.out("stdout") != "a\t b\t p\n" {
		t.Errorf("who: %q", out.out("stdout"))
	}
	_, out = mustRun(t, s, "%whos")
	// IPython's layout: each column as wide as its widest entry plus 3.
	want := "Variable   Type          Data/Info\n" + strings.Repeat("-", 34) + "\n" +
		"a          string        \"x\"\nb          int           2\np          main.Point    main.Point{X:1, Y:2}\n"
	if out.out("stdout") != want {
		t.Errorf("whos:\n%s\nwant:\n%s", out.out("stdout"), want)
	}
}

func TestReset(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "import \"strings\"\nold := 1")
	res, _ := run(t, s, "%reset")
	if res.Error == nil || !strings.Contains(res.Error.Value, "-f") {
		t.Errorf("reset without stdin: %+v", res.Error)
	}
	counter++
	out := newRecorder("n")
	s.Execute(Request{Code: "%reset", ExecutionCount: counter, AllowStdin: true}, out)
	if out.out("stdout") != "Nothing done.\n" || len(out.prompts) != 1 {
		t.Errorf("declined reset: %q, prompts %q", out.out("stdout"), out.prompts)
	}
	mustRun(t, s, "%reset -f")
	res, _ = run(t, s, "old")
	if res.Error == nil || !strings.Contains(res.Error.Value, "undefined: old") {
		t.Errorf("old after reset: %+v", res.Error)
	}
	if res, _ := mustRun(t, s, "x := 2\nx"); plain(res) != "2" {
		t.Errorf("after reset: %q", plain(res))
	}
	if res, _ := mustRun(t, s, "type Q struct{ A int }\nQ{1}"); plain(res) != "main.Q{A:1}" {
		t.Errorf("type after reset: %q", plain(res))
	}
	// Checkpoints of the new interpreter still see interrupts.
	done := make(chan Result)
	go func() { done <- s.Execute(Request{Code: "for {}", ExecutionCount: 98}, newRecorder()) }()
	time.Sleep(100 * time.Millisecond)
	s.Interrupt()
	if res := <-done; res.Error == nil || res.Error.Name != "Interrupted" || !strings.Contains(res.Error.Value, "interrupted") {
		t.Errorf("interrupt after reset: %+v", res.Error)
	}
}

func TestHistory(t *testing.T) {
	s := newSession(t)
	exec := func(n int, code string) *recorder {
		out := newRecorder()
		if res := s.Execute(Request{Code: code, ExecutionCount: n, StoreHistory: true}, out); res.Error != nil {
			t.Fatalf("%q: %v", code, res.Error)
		}
		return out
	}
	exec(1, "a := 1")
	exec(2, "b := 2\nc := 3")
	s.Execute(Request{Code: "hidden := 0", ExecutionCount: 0, Silent: true}, newRecorder())
	if got := exec(3, "%history").out("stdout"); got != "a := 1\nb := 2\nc := 3\n%history\n" {
		t.Errorf("history: %q", got)
	}
	if got := exec(4, "%history -n 1-2 4").out("stdout"); got != "1: a := 1\n2:\nb := 2\nc := 3\n4: %history -n 1-2 4\n" {
		t.Errorf("history -n: %q", got)
	}
}

func TestFiles(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	wd, _ := os.Getwd()
	t.Cleanup(func() { _ = os.Chdir(wd) })
	_, out := mustRun(t, s, "%cd "+dir)
	real, _ := filepath.EvalSymlinks(dir)
	if got := strings.TrimSpace(out.out("stdout")); got != dir && got != real {
		t.Errorf("cd printed %q", got)
	}
	res, _ := mustRun(t, s, "%pwd")
	if plain(res) != `"`+dir+`"` && plain(res) != `"`+real+`"` {
		t.Errorf("pwd = %s", plain(res))
	}
	_, out = mustRun(t, s, "%%writefile f.go\nx := 1\nx")
	if out.out("stdout") != "Writing f.go\n" {
		t.Errorf("writefile: %q", out.out("stdout"))
	}
	_, out = mustRun(t, s, "%%writefile -a f.go\nx++")
	if out.out("stdout") != "Appending to f.go\n" {
		t.Errorf("writefile -a: %q", out.out("stdout"))
	}
	res, _ = mustRun(t, s, "%load f.go")
	want := map[string]any{"source": "set_next_input", "text": "// %load f.go\nx := 1\nx\nx++\n", "replace": true}
	if len(res.Payload) != 1 || res.Payload[0]["text"] != want["text"] || res.Payload[0]["replace"] != true {
		t.Errorf("load payload = %v", res.Payload)
	}
	if res, _ := run(t, s, "%load nosuch.go"); res.Error == nil {
		t.Error("load of a missing file: no error")
	}
}

func TestInterpretedTypeNames(t *testing.T) {
	s := newSession(t)
	res, _ := mustRun(t, s, "type Point struct{ X, Y int }\n[]*Point{{1, 2}}")
	if plain(res) != "[]*main.Point{&main.Point{X:1, Y:2}}" && plain(res) != "[]*main.Point{{X:1, Y:2}}" {
		t.Errorf("value = %s", plain(res))
	}
	res, _ = mustRun(t, s, "type Card struct{ Title string }\nfunc (c Card) HTML() string { return \"<b>\" + c.Title + \"</b>\" }\nCard{\"go\"}")
	if res.Data["text/html"] != "<b>go</b>" || plain(res) != `main.Card{Title:"go"}` {
		t.Errorf("bundle = %v", res.Data)
	}
	res, _ = mustRun(t, s, "type Box struct{ N int }\nfunc (b *Box) Markdown() string { return \"**box**\" }\n&Box{1}")
	if res.Data["text/markdown"] != "**box**" {
		t.Errorf("pointer method bundle = %v", res.Data)
	}
}

func TestTimeitInterruptible(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "x := 0")
	done := make(chan Result)
	go func() {
		done <- s.Execute(Request{Code: "%timeit -n 2000000000 -r 1 x++", ExecutionCount: 99}, newRecorder())
	}()
	time.Sleep(200 * time.Millisecond)
	s.Interrupt()
	res := <-done
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Errorf("interrupted %%timeit: %+v", res.Error)
	}
}

func TestIsCompleteMagics(t *testing.T) {
	s := newSession(t)
	for code, want := range map[string]string{
		"%timeit 1+1":              "complete",
		"%env A=1\nfor i := 0; {":  "incomplete",
		"%%timeit\nfor {":          "complete",
		"%time f(":                 "complete",
		"%who\nx := 1":             "complete",
		"%lsmagic\nfunc f() int {": "incomplete",
	} {
		if got := s.IsComplete(code).Status; got != want {
			t.Errorf("IsComplete(%q) = %s, want %s", code, got, want)
		}
	}
}
