package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/pprof/profile"

	"gokernel/engine/rt"
)

// prunRow matches one row of the table: ncalls, tottime, percall,
// cumtime, percall, function.
var prunRow = regexp.MustCompile(`(?m)^ {0,8}(\d+)(?:/(\d+))? +([0-9.]+) +([0-9.]+) +([0-9.]+) +([0-9.]+) (\S.*)$`)

type prunLine struct {
	calls, prim      int
	tottime, cumtime float64
}

// prunRows reads the table's rows by function.
func prunRows(t *testing.T, table string) map[string]prunLine {
	t.Helper()
	rows := map[string]prunLine{}
	for _, m := range prunRow.FindAllStringSubmatch(table, -1) {
		calls, _ := strconv.Atoi(m[1])
		prim := calls
		if m[2] != "" {
			prim, _ = strconv.Atoi(m[2])
		}
		tt, _ := strconv.ParseFloat(m[3], 64)
		ct, _ := strconv.ParseFloat(m[5], 64)
		rows[m[7]] = prunLine{calls, prim, tt, ct}
	}
	if len(rows) == 0 {
		t.Fatalf("no rows in\n%s", table)
	}
	return rows
}

func TestPrunFibCounts(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, fibCell) // declared before profiling: its hooks are already there
	res, out := mustRun(t, s, "%prun fib(20)")
	table := out.out("stdout")
	if plain(res) != "" {
		t.Errorf("%%prun showed a value %q", plain(res))
	}
	fib := prunRows(t, table)["cell["+strconv.Itoa(counter-1)+"]:1(fib)"]
	if fib.calls != 21891 || fib.prim != 1 {
		t.Fatalf("fib row %+v in\n%s", fib, table)
	}
	if !strings.HasPrefix(table, "         21892 function calls (2 primitive calls) in ") ||
		!strings.Contains(table, "\n   Ordered by: internal time\n\n   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n") {
		t.Fatalf("table layout:\n%s", table)
	}
	if d := out.displayList(); len(d) != 1 || !strings.HasPrefix(d[0].Data["image/svg+xml"].(string), "<svg") {
		t.Fatalf("flame graph displays %+v", d)
	}
}

func TestPrunNestedCalls(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, "func b() int { return 1 }\nfunc a() int { return b() + b() }")
	_, out := mustRun(t, s, "%%prun -s calls\nfor i := 0; i < 3; i++ {\n\ta()\n}")
	rows := prunRows(t, out.out("stdout"))
	cell := "cell[" + strconv.Itoa(counter-1) + "]"
	if rows[cell+":2(a)"].calls != 3 || rows[cell+":1(b)"].calls != 6 {
		t.Fatalf("rows %+v", rows)
	}
	for name, r := range rows {
		if r.cumtime < r.tottime {
			t.Errorf("%s: cumtime %v < tottime %v", name, r.cumtime, r.tottime)
		}
	}
	if !strings.Contains(out.out("stdout"), "Ordered by: call count") {
		t.Errorf("sort: %s", out.out("stdout"))
	}
}

func TestPrunStoreAndLookup(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, fibCell)
	res, out := mustRun(t, s, "%prun -q -r fib(20)")
	if out.out("stdout") != "" || len(out.displayList()) != 0 {
		t.Errorf("-q printed %q and %d displays", out.out("stdout"), len(out.displayList()))
	}
	if !strings.Contains(plain(res), "21891/1") {
		t.Errorf("-r value %q", plain(res))
	}
	res, _ = mustRun(t, s, "f, ok := _prun.Lookup(\"fib\")\n[]int64{f.Calls, f.PrimCalls, _prun.TotalCalls}")
	if plain(res) != "[]int64{21891, 1, 21892}" {
		t.Errorf("_prun: %s", plain(res))
	}
}

func TestPrunNamesGoroutinesAndNatives(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import (
	"strings"
	"sync"
)
type T struct{}
func (t *T) M() int { return 1 }
func (t T) V() int { return 2 }
func split() int {
	parts := strings.Split("a,b,c", ",")
	return len(parts)
}`)
	_, out := mustRun(t, s, `%%prun
var wg sync.WaitGroup
for i := 0; i < 4; i++ {
	wg.Add(1)
	go func() {
		defer wg.Done()
		split()
	}()
}
wg.Wait()
var t T
t.M()
t.V()
sq := func(x int) int { return x * x }
sq(3)`)
	rows := prunRows(t, out.out("stdout"))
	decl := "cell[" + strconv.Itoa(counter-1) + "]"
	cell := "cell[" + strconv.Itoa(counter) + "]"
	for name, calls := range map[string]int{
		decl + ":6((*T).M)": 1, decl + ":7(T.V)": 1, decl + ":8(split)": 4,
		"{native strings.Split}": 4, cell + ":5(<func literal>)": 4, cell + ":14(<func literal>)": 1,
		"{native sync.WaitGroup.Wait}": 0,
	} {
		if rows[name].calls != calls {
			t.Errorf("%s: %d calls, want %d\n%s", name, rows[name].calls, calls, out.out("stdout"))
		}
	}
}

func TestPrunOffRunsNoHooks(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, fibCell)
	mustRun(t, s, "%prun -q fib(10)")
	if s.cp.Bits()&rt.Profile != 0 || s.prof.Running() {
		t.Fatal("profiling still on after the profile")
	}
	// Off, only the checkpoint's other work (a stack check every
	// watchEvery) leads a function entry to the hook, and the profiler
	// is never called.
	idle, hooks := s.prof.IdleEnters(), s.profHooks.Load()
	t0 := time.Now()
	mustRun(t, s, "fib(20);")
	limit := int64(time.Since(t0)/watchEvery) + 2
	if n := s.profHooks.Load() - hooks; n > limit {
		t.Errorf("%d entry hooks ran with profiling off (stack checks allow %d)", n, limit)
	}
	if n := s.prof.IdleEnters() - idle; n != 0 {
		t.Errorf("the profiler was called %d times with profiling off", n)
	}
	hooks = s.profHooks.Load()
	mustRun(t, s, "%prun -q fib(20)")
	if n := s.profHooks.Load() - hooks; n < 21891 {
		t.Errorf("%d entry hooks ran under %%prun, want every call", n)
	}
}

func TestPrunFiles(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	mustRun(t, s, fibCell)
	pb, txt := filepath.Join(dir, "fib.pb.gz"), filepath.Join(dir, "fib.txt")
	_, out := mustRun(t, s, "%prun -q -D "+pb+" -T "+txt+" fib(15)")
	text, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	rows := prunRows(t, string(text))
	if !strings.Contains(out.out("stdout"), txt) || !strings.Contains(out.out("stdout"), pb) {
		t.Errorf("no word of the files in %q", out.out("stdout"))
	}
	f, err := os.Open(pb)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.CheckValid(); err != nil {
		t.Fatal(err)
	}
	var calls int64
	for _, smp := range p.Sample {
		if strings.HasPrefix(smp.Location[0].Line[0].Function.Name, "fib ") {
			calls += smp.Value[0]
		}
	}
	fib := rows["cell["+strconv.Itoa(counter-1)+"]:1(fib)"]
	if calls != 1973 || fib.calls != 1973 {
		t.Fatalf("pprof has %d calls of fib, the table %d", calls, fib.calls)
	}
}

func TestPrunLimitsAndErrors(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, fibCell+"\nfunc two() int { return fib(2) + fib(3) }")
	_, out := mustRun(t, s, "%prun -s cumulative -l 1 two()")
	if len(prunRows(t, out.out("stdout"))) != 1 || !strings.Contains(out.out("stdout"), "   List reduced from 3 to 1 due to restriction <1>\n") {
		t.Errorf("limited table:\n%s", out.out("stdout"))
	}
	for code, name := range map[string]string{
		"%prun -s bogus fib(1)": "UsageError",
		"%prun":                 "UsageError",
		"%prun nosuch(1)":       "CompileError",
		"%prun panic(\"boom\")": "panic",
		"%prun -D /nonexistent/dir/x.pb.gz fib(1)": "UsageError",
	} {
		res, _ := run(t, s, code)
		if res.Error == nil || res.Error.Name != name {
			t.Errorf("%s: error %+v, want %s", code, res.Error, name)
		}
		if s.prof.Running() {
			t.Fatalf("%s left the profiler running", code)
		}
	}
	mustRun(t, s, "%prun -q fib(5)") // still works after the failures
}

// Calls of compiled functions nested in expressions and conditions are
// counted, each once per call, and interpreted calls among them stay the
// cell's, not the compiled function's.
func TestPrunNestedNativeCalls(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)
func lines(s string) int { sc := bufio.NewScanner(strings.NewReader(strings.ToLower(s))); n := 0; for sc.Scan() { n++ }; return n }
func fields(s string) []string { f := strings.Fields(strings.ToUpper(s)); return f }
func words(s string) int { return len(strings.Fields(s)) }
func shout(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
func two() int { return 2 }
func label(n int) string { return fmt.Sprint(strconv.Itoa(n), two(), strings.Repeat("!", n)) }`)
	table, _ := mustRun(t, s, `%%prun -r -s name
total := 0
for i := 0; i < 3; i++ {
	total += words("a b c")
	_ = shout(" x ")
	_ = label(i)
	if strings.HasPrefix(shout("ab"), "A") { total++ }
	total += lines("a\nb") + len(fields("p q"))
}`)
	rows := prunRows(t, plain(table))
	for name, calls := range map[string]int{
		"{native strings.Fields}": 6, "{native strings.ToUpper}": 9, "{native strings.TrimSpace}": 6,
		"{native strings.ToLower}": 3, "{native strings.NewReader}": 3, "{native bufio.NewScanner}": 3,
		"{native strconv.Itoa}": 3, "{native strings.Repeat}": 3, "{native fmt.Sprint}": 3,
		"{native strings.HasPrefix}": 3,
	} {
		if rows[name].calls != calls {
			t.Errorf("%s: %d calls, want %d\n%s", name, rows[name].calls, calls, plain(table))
		}
	}
	// Definitions are profiled as assignments to variables declared
	// ahead; unprofiled, they run as written.
	for cell, want := range map[string]string{"total": "24", `fmt.Sprint(lines("a\nb\nc"), fields("x y"))`: `"3 [X Y]"`} {
		if res, _ := mustRun(t, s, cell); plain(res) != want {
			t.Errorf("%s = %s, want %s", cell, plain(res), want)
		}
	}
	two, _ := s.mg.prun.Lookup("two")
	label, _ := s.mg.prun.Lookup("label")
	if edges := s.mg.prun.Callers(two.ID); len(edges) != 1 || edges[0].Caller != label.ID || edges[0].Calls != 3 {
		t.Errorf("callers of two: %+v, want 3 calls from label (%d)", edges, label.ID)
	}
}
