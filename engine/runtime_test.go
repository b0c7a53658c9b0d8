package engine

import (
	"strings"
	"testing"
	"time"
)

// interruptAfter interrupts s once d has passed.
func interruptAfter(s *Session, d time.Duration) { time.AfterFunc(d, s.Interrupt) }

func TestInterruptLoop(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "x := 7")
	interruptAfter(s, 100*time.Millisecond)
	start := time.Now()
	res, _ := run(t, s, "for {}")
	took := time.Since(start)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("want Interrupted, got %+v", res.Error)
	}
	t.Logf("for {} stopped %v after the interrupt", took-100*time.Millisecond)
	res, _ = mustRun(t, s, "x")
	if plain(res) != "7" {
		t.Errorf("x = %q after interrupt", plain(res))
	}
}

func TestInterruptNotSwallowed(t *testing.T) {
	s := newSession(t)
	interruptAfter(s, 50*time.Millisecond)
	res, _ := run(t, s, `func spin() {
	defer func() { recover() }()
	for {}
}
for { spin() }`)
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("want Interrupted, got %+v", res.Error)
	}
}

func TestSleepInterrupted(t *testing.T) {
	s := newSession(t)
	interruptAfter(s, 50*time.Millisecond)
	start := time.Now()
	res, _ := run(t, s, "import \"time\"\ntime.Sleep(time.Hour)")
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("want Interrupted, got %+v", res.Error)
	}
	if time.Since(start) > 30*time.Second {
		t.Errorf("sleep not interrupted")
	}
}

// skipUnderRace skips tests that exercise yaegi's own unsynchronised
// paths: ExecuteWithContext writes its results after returning on cancel,
// and a new run writes the root frame that live goroutines read.
func skipUnderRace(t *testing.T) {
	if raceEnabled {
		t.Skip("yaegi races internally here (cancelled runs, goroutines alive across cells)")
	}
}

func TestInterruptBlockedFallsBack(t *testing.T) {
	skipUnderRace(t)
	s := newSession(t)
	mustRun(t, s, "y := 3")
	interruptAfter(s, 50*time.Millisecond)
	res, _ := run(t, s, "c := make(chan int)\n<-c")
	if res.Error == nil || res.Error.Name != "Interrupted" {
		t.Fatalf("want Interrupted, got %+v", res.Error)
	}
	res, _ = mustRun(t, s, "y + 1")
	if plain(res) != "4" {
		t.Errorf("y + 1 = %q after a hard stop", plain(res))
	}
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestGoroutinePanicReported(t *testing.T) {
	s := newSession(t)
	counter = 100
	_, out := mustRun(t, s, "func boom() { var m map[int]int; m[1] = 1 }\ngo boom()")
	waitFor(t, "the goroutine's panic", func() bool { return strings.Contains(out.out("stderr"), "nil map") })
	if e := out.out("stderr"); !strings.Contains(e, "panic in goroutine started by cell[101]") || !strings.Contains(e, "main.boom") {
		t.Errorf("stderr = %q", e)
	}
	res, _ := mustRun(t, s, "1 + 1")
	if plain(res) != "2" {
		t.Error("session dead after a goroutine panic")
	}
}

func TestGoroutineOutputRoutedToStartingCell(t *testing.T) {
	skipUnderRace(t)
	s := newSession(t)
	_, first := mustRun(t, s, `import ("fmt"; "time")
ch := make(chan bool)
go func(n int) {
	<-ch
	fmt.Println("late", n)
}(5)`)
	_, second := mustRun(t, s, "close(ch)\ntime.Sleep(200 * time.Millisecond)\nfmt.Println(\"second\")")
	waitFor(t, "the goroutine's output", func() bool { return strings.Contains(first.out("stdout"), "late 5") })
	if strings.Contains(second.out("stdout"), "late") {
		t.Errorf("goroutine output went to the later cell: %q", second.out("stdout"))
	}
	if second.out("stdout") != "second\n" {
		t.Errorf("second cell stdout = %q", second.out("stdout"))
	}
}

func TestInterruptIdleStopsGoroutines(t *testing.T) {
	s := newSession(t)
	_, out := mustRun(t, s, "go func() { k := 0; for { k++ } }()")
	s.Interrupt()
	waitFor(t, "the goroutine to stop", func() bool { return s.bg.count.Load() == 0 })
	if !strings.Contains(out.out("stderr"), "interrupted") {
		t.Errorf("stderr = %q", out.out("stderr"))
	}
}

func TestStdin(t *testing.T) {
	s := newSession(t)
	out := newRecorder("gopher", "42")
	res := s.Execute(Request{Code: `import "fmt"
fmt.Print("name? ")
var name string
fmt.Scanln(&name)
var n int
fmt.Scanln(&n)
fmt.Sprint(name, n)`, ExecutionCount: 1, AllowStdin: true}, out)
	if res.Error != nil {
		t.Fatal(res.Error)
	}
	if plain(res) != `"gopher42"` {
		t.Errorf("read %s", plain(res))
	}
	if len(out.prompts) != 2 || out.prompts[0] != "name? " {
		t.Errorf("prompts = %q", out.prompts)
	}
	res, out2 := run(t, s, "var z int\n_, err := fmt.Scanln(&z)\nerr != nil")
	if plain(res) != "true" || !strings.Contains(out2.out("stderr"), "stdin") {
		t.Errorf("no-stdin: result %q, stderr %q", plain(res), out2.out("stderr"))
	}
}

func TestDisplay(t *testing.T) {
	s := newSession(t)
	_, out := mustRun(t, s, `import "gokernel/display"
display.HTML("<b>hi</b>")
display.Markdown("# t")
display.DisplayID("d1", 1)
display.Update("d1", 2)
p := display.NewProgress(4)
for i := 0; i < 4; i++ { p.Add(1) }
p.Done()
display.ClearOutput(true)`)
	ds := out.displayList()
	if len(ds) < 5 {
		t.Fatalf("displays = %+v", ds)
	}
	if ds[0].Data["text/html"] != "<b>hi</b>" || ds[1].Data["text/markdown"] != "# t" {
		t.Errorf("rich displays = %+v", ds[:2])
	}
	if ds[2].DisplayID != "d1" || ds[2].Update || ds[3].DisplayID != "d1" || !ds[3].Update || ds[3].Data["text/plain"] != "2" {
		t.Errorf("display/update = %+v %+v", ds[2], ds[3])
	}
	last := ds[len(ds)-1]
	if !last.Update || !strings.Contains(last.Data["text/plain"].(string), "100%") || last.Data["text/html"] == nil {
		t.Errorf("progress end = %+v", last)
	}
	if out.clears != 1 {
		t.Errorf("clears = %d", out.clears)
	}
}

func TestPager(t *testing.T) {
	s := newSession(t)
	res, _ := mustRun(t, s, "fmt.Println?")
	if len(res.Payload) != 1 || res.Payload[0]["source"] != "page" {
		t.Fatalf("payload = %+v", res.Payload)
	}
	text := res.Payload[0]["data"].(map[string]any)["text/plain"].(string)
	if !strings.Contains(text, "Println") {
		t.Errorf("page = %q", text)
	}
}
