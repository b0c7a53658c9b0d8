package engine

import (
	"reflect"
	"strings"
	"testing"
)

// Goroutines that wait on pipes and connections other goroutines of the
// cell feed: each wait must release the lock, or the cell deadlocks
// (runWithin fails it instead of hanging). The methods are called in the
// places a cell writes them: statements, loop conditions and posts, if
// headers, the right of &&.
func TestIOWaitsReleaseLock(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	mustRun(t, s, `import ("bufio"; "io"; "net"; "os"; "strings")`)
	mustRun(t, s, `%gil interval 1ms`)
	cells := map[string]struct{ code, want string }{
		"io.Pipe, Scanner in a loop condition": {`r, w := io.Pipe()
go func() { for i := 0; i < 50; i++ { spin(100); fmt.Fprintf(w, "line %d\n", i) }; w.Close() }()
sc := bufio.NewScanner(r)
n := 0
for sc.Scan() { n++ }
n`, "50"},
		"os.Pipe, ReadString in a loop header": {`pr, pw, _ := os.Pipe()
go func() { for i := 0; i < 100; i++ { pw.WriteString(strings.Repeat("x", 1000) + "\n") }; pw.Close() }()
br := bufio.NewReader(pr)
lines := 0
for line, err := br.ReadString('\n'); err == nil; line, err = br.ReadString('\n') { if len(line) == 1001 { lines++ } }
lines`, "100"},
		"if header and &&": {`r2, w2 := io.Pipe()
go func() { bw := bufio.NewWriter(w2); for i := 0; i < 20; i++ { bw.WriteString("ab\n"); bw.Flush() }; w2.Close() }()
sc2 := bufio.NewScanner(r2)
got := 0
for {
	if ok := got < 1000 && sc2.Scan(); !ok { break } else if sc2.Text() == "ab" { got++ }
}
got`, "20"},
		"http server and client": {`import "net/http"
hl, _ := net.Listen("tcp", "127.0.0.1:0")
srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { spin(1000); fmt.Fprint(w, "hi ", r.URL.Path) })}
go srv.Serve(hl)
resp, err := http.Get("http://" + hl.Addr().String() + "/x")
if err != nil { panic(err) }
body, _ := io.ReadAll(resp.Body)
resp.Body.Close()
srv.Close()
string(body)`, `"hi /x"`},
		"tcp echo": {`ln, _ := net.Listen("tcp", "127.0.0.1:0")
go func() { c, _ := ln.Accept(); buf := make([]byte, 5); io.ReadFull(c, buf); spin(1000); c.Write(buf); c.Close() }()
conn, _ := net.Dial("tcp", ln.Addr().String())
conn.Write([]byte("hello"))
reply := make([]byte, 5)
n2, _ := conn.Read(reply)
string(reply[:n2])`, `"hello"`},
	}
	for name, c := range cells {
		t.Run(name, func(t *testing.T) {
			res, out := runWithin(t, s, c.code)
			if got := plain(res); got != c.want {
				t.Errorf("got %s, want %s\n%s", got, c.want, out.out("stderr"))
			}
		})
	}
	if strings.Contains(s.lock.Stats().String(), "holding") {
		t.Errorf("a goroutine still holds the lock:\n%s", s.lock.Stats())
	}
}

// A server started with `go http.ListenAndServe` serves for ever: it must
// not hold the lock while it waits for connections.
func TestServerGoroutineReleasesLock(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	runWithin(t, s, `import "net/http"
go http.ListenAndServe("127.0.0.1:0", nil)
spin(100000)`)
	res, _ := runWithin(t, s, "spin(1000) > 0")
	if plain(res) != "true" {
		t.Errorf("after the server started: %s", plain(res))
	}
}

// A call site whose receiver variable can never wait (a strings.Builder)
// stops asking: its site variable is set after the first call, for each
// site on its own. A site on an interface variable keeps asking, and a
// file there still releases the lock. A variable declared with such a type
// gets no site at all.
func TestIOWaitSiteVariables(t *testing.T) {
	if raceEnabled {
		t.Skip("race builds declare no site variables")
	}
	s := newSession(t)
	mustRun(t, s, `import ("io"; "os"; "strings")
func makeBuilder() *strings.Builder { return &strings.Builder{} }
func build() string { sb := makeBuilder(); sb.WriteString("a"); sb.WriteString("b"); return sb.String() }
func direct() string { var sb strings.Builder; sb.WriteString("c"); b := &strings.Builder{}; b.WriteString("d"); return sb.String() + b.String() }
func send(w io.Writer) { w.Write([]byte("x")) }`)
	before := s.lock.Stats().Acquisitions
	res, _ := mustRun(t, s, `_, pw, _ := os.Pipe()
send(pw)
build() + direct()`)
	if plain(res) != `"abcd"` {
		t.Fatalf("build() + direct() = %s", plain(res))
	}
	var set, unset []string
	for name, v := range s.in.Globals() {
		if !strings.HasPrefix(name, "_gkn") || v.Kind() != reflect.Bool {
			continue // _gkne and _gknx are the profiler's
		}
		if v.Bool() {
			set = append(set, name)
		} else {
			unset = append(unset, name)
		}
	}
	if len(set) != 2 || len(unset) != 1 {
		t.Errorf("site variables set %v, unset %v; want the two Builder sites set, the Writer site not", set, unset)
	}
	// The cell takes the lock once; the write gives it back and takes it
	// again.
	if n := s.lock.Stats().Acquisitions - before; n < 2 {
		t.Errorf("%d acquisitions: writing to a pipe through an io.Writer did not release the lock", n)
	}
}
