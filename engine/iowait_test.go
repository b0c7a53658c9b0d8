package engine

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/textproto"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/traefik/yaegi/interp"

	locksync "gokernel/engine/locksync"
)

// osPipe returns both ends of an OS pipe, closed when the test ends.
func osPipe(t testing.TB) (*os.File, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r, w
}

// probe lets cells hand values to the test: Keep(name, v) stores v as the
// host receives it (what UM gets), File() gives the read end of an OS pipe.
type probe struct {
	mu   sync.Mutex
	kept map[string]reflect.Value
}

func newProbe(t *testing.T, s *Session) *probe {
	t.Helper()
	p := &probe{kept: map[string]reflect.Value{}}
	r, _ := osPipe(t)
	err := s.in.Use(interp.Exports{"iowaitprobe/iowaitprobe": {
		"Keep": reflect.ValueOf(func(name string, v any) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.kept[name] = reflect.ValueOf(v)
		}),
		"File": reflect.ValueOf(func() *os.File { return r }),
	}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (p *probe) get(t *testing.T, name string) reflect.Value {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.kept[name]
	if !ok {
		t.Fatalf("the cell kept no %q", name)
	}
	return v
}

// interpretedIO declares interpreted readers and writers and keeps values
// made of them, and of host values made by the interpreter.
const interpretedIO = `import ("bufio"; "fmt"; "io"; "os"; "iowaitprobe")
type R struct{ n int }
func (r *R) Read(p []byte) (int, error) { return 0, io.EOF }
type S int
func (s S) String() string { return "S!" }
type F struct{ *os.File }`

const keepCell = `f := iowaitprobe.File()
_, pw := io.Pipe()
var rr io.Reader = &R{}
iowaitprobe.Keep("interpreted reader", &R{})
iowaitprobe.Keep("interpreted reader in io.Reader", rr)
iowaitprobe.Keep("scanner of interpreted reader", bufio.NewScanner(&R{}))
iowaitprobe.Keep("struct embedding *os.File", F{f})
iowaitprobe.Keep("tee of interpreted reader into file", bufio.NewReader(io.TeeReader(&R{}, f)))
sc := bufio.NewScanner(f)
sc.Split(func(data []byte, atEOF bool) (int, []byte, error) { return 0, nil, nil })
iowaitprobe.Keep("scanner with interpreted split", sc)
var st fmt.Stringer = S(1)
iowaitprobe.Keep("interpreted stringer", st)
sw := bufio.NewScanner(f)
sw.Split(bufio.ScanWords)
iowaitprobe.Keep("scanner of file, host split", sw)
iowaitprobe.Keep("bufio writer of pipe made in a cell", bufio.NewWriter(pw))
iowaitprobe.Keep("file from a cell", f)
iowaitprobe.Keep("address of a file variable", &f)
iowaitprobe.Keep("address of an io.Reader holding interpreted", &rr)`

func TestIOWaitClassifier(t *testing.T) {
	or, ow := osPipe(t)
	pr, pw := io.Pipe()
	nc1, nc2 := net.Pipe()
	t.Cleanup(func() { pr.Close(); nc1.Close(); nc2.Close() })
	var pipeReader io.Reader = pr
	host := []struct {
		name string
		v    any
		want bool
	}{
		{"os.Pipe reader", or, true},
		{"os.Pipe writer", ow, true},
		{"io.Pipe reader", pr, true},
		{"io.Pipe writer", pw, true},
		{"net.Pipe end", nc1, true},
		{"net.Conn in an interface", any(net.Conn(nc2)), true},
		{"bufio.Reader of os pipe", bufio.NewReader(or), true},
		{"json.Decoder of bufio of net pipe", json.NewDecoder(bufio.NewReader(nc1)), true},
		{"textproto.Conn of net pipe", textproto.NewConn(nc2), true},
		{"exec.Cmd", exec.Command("true"), true},
		{"bufio.Scanner of strings.Reader", bufio.NewScanner(strings.NewReader("x")), false},
		{"bufio.Writer of bytes.Buffer", bufio.NewWriter(&bytes.Buffer{}), false},
		{"strings.Builder", &strings.Builder{}, false},
		{"bytes.Buffer", &bytes.Buffer{}, false},
		{"strings.Reader", strings.NewReader("x"), false},
		{"kernel stdout", streamWriter{name: "stdout"}, false},
		{"locksync.Mutex", &locksync.Mutex{}, false},
		{"address of *os.File", &or, true},
		{"address of io.Reader holding a pipe", &pipeReader, true},
		{"address of nil io.Reader", new(io.Reader), false},
		{"address of nil *os.File", new(*os.File), false},
		{"nil *os.File", (*os.File)(nil), false},
		{"bufio.Reader of nil", bufio.NewReader(nil), false},
		{"nil", nil, false},
	}
	for _, c := range host {
		if got := waitsOutside(reflect.ValueOf(c.v)); got != c.want {
			t.Errorf("%s (%T): waitsOutside = %v, want %v", c.name, c.v, got, c.want)
		}
	}

	s := newSession(t)
	p := newProbe(t, s)
	mustRun(t, s, interpretedIO)
	mustRun(t, s, keepCell)
	for name, want := range map[string]bool{
		"interpreted reader":                          false,
		"interpreted reader in io.Reader":             false,
		"scanner of interpreted reader":               false,
		"struct embedding *os.File":                   false,
		"tee of interpreted reader into file":         false,
		"scanner with interpreted split":              false,
		"interpreted stringer":                        false,
		"scanner of file, host split":                 true,
		"bufio writer of pipe made in a cell":         true,
		"file from a cell":                            true,
		"address of a file variable":                  true,
		"address of an io.Reader holding interpreted": false,
	} {
		v := p.get(t, name)
		if got := waitsOutside(v); got != want {
			t.Errorf("%s (%s): waitsOutside = %v, want %v", name, v.Type(), got, want)
		}
	}
}

func TestIOWaitArgs(t *testing.T) {
	s := newSession(t)
	p := newProbe(t, s)
	mustRun(t, s, interpretedIO)
	mustRun(t, s, keepCell)
	_, pw := io.Pipe()
	defer pw.Close()
	ir := p.get(t, "interpreted reader")
	st := p.get(t, "interpreted stringer")
	val := reflect.ValueOf
	anys := func(vs ...reflect.Value) reflect.Value {
		out := reflect.MakeSlice(reflect.TypeOf([]any{}), len(vs), len(vs))
		for i, v := range vs {
			out.Index(i).Set(v)
		}
		return out
	}
	for _, c := range []struct {
		name string
		args []reflect.Value
		want bool
	}{
		{"ReadAll(pipe)", []reflect.Value{val(pw)}, true},
		{"ReadAll(builder)", []reflect.Value{val(&strings.Builder{})}, false},
		{"Copy(pipe, strings.Reader)", []reflect.Value{val(pw), val(strings.NewReader("x"))}, true},
		{"Copy(pipe, interpreted)", []reflect.Value{val(pw), ir}, false},
		{"Fprintln(pipe, 1, x)", []reflect.Value{val(pw), anys(val(1), val("x"))}, true},
		{"Fprintln(pipe, interpreted stringer)", []reflect.Value{val(pw), anys(val(2), st)}, false},
		{"Fprintln(builder, pipe)", []reflect.Value{val(&strings.Builder{}), anys(val(pw))}, true},
		{"Fprintln(builder, 1)", []reflect.Value{val(&strings.Builder{}), anys(val(1))}, false},
		{"Fprintln(pipe, []any{stringer})", []reflect.Value{val(pw), anys(val([]any{st.Interface()}))}, false},
	} {
		if got := argsWaitOutside(c.args); got != c.want {
			t.Errorf("%s: argsWaitOutside = %v, want %v", c.name, got, c.want)
		}
	}
}

// A goroutine's Fprintln blocks on a pipe until the cell has read all of
// it; between its two reads the cell runs interpreted code, which needs the
// lock: Fprintln must not hold it, nor ReadFull.
func TestIOWaitPipeUnderLock(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	mustRun(t, s, `%gil interval 1ms`)
	res, _ := runWithin(t, s, `import ("io"; "strings")
pr, pw := io.Pipe()
go func() { spin(1000); fmt.Fprintln(pw, "hello", "world"); fmt.Fprintf(pw, "%d!", 42); pw.Close() }()
a := make([]byte, 5)
io.ReadFull(pr, a)
spin(100000)
b := make([]byte, 7)
io.ReadFull(pr, b)
spin(100000)
rest, _ := io.ReadAll(pr)
var sb strings.Builder
io.WriteString(&sb, string(a)+"|"+string(b)+"|"+string(rest))
sb.String()`)
	if got, want := plain(res), `"hello| world\n|42!"`; got != want {
		t.Errorf("read %s, want %s", got, want)
	}
	waitBackground(t, s)
}

// UM releases the lock around a method call on a pipe end (the cell
// rewrite inserts it; here the cell calls it itself).
func TestIOWaitUnlockMethod(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, spinDecl)
	mustRun(t, s, `%gil interval 1ms`)
	res, _ := runWithin(t, s, `import "io"
pr, pw := io.Pipe()
go func() { spin(1000); u := _gk.UM(pw, nil); pw.Write([]byte("hello world")); _gk.A(u); pw.Close() }()
a := make([]byte, 5)
io.ReadFull(pr, a)
spin(100000)
b, _ := io.ReadAll(pr)
string(a) + "|" + string(b)`)
	if got, want := plain(res), `"hello| world"`; got != want {
		t.Errorf("read %s, want %s", got, want)
	}
	waitBackground(t, s)
}

// The wrapped fmt functions still honour String methods of interpreted
// types, as the unwrapped Sprint family does, to a builder and to a pipe
// (where the lock is kept).
func TestIOWaitFmtStringer(t *testing.T) {
	s := newSession(t)
	mustRun(t, s, `%gil interval 1ms`)
	res, _ := runWithin(t, s, `import ("fmt"; "io"; "strings")
type S int
func (s S) String() string { return "S!" }
var st fmt.Stringer = S(3)
var sb strings.Builder
fmt.Fprintln(&sb, S(1), "x")
fmt.Fprintf(&sb, "%v %s|", S(2), st)
pr, pw := io.Pipe()
go func() { fmt.Fprint(pw, S(4)); pw.Close() }()
out, _ := io.ReadAll(pr)
sb.String() + string(out) + "=" + fmt.Sprintln(S(1), "x") + fmt.Sprintf("%v %s|", S(2), st) + fmt.Sprint(S(4))`)
	got, _ := strconv.Unquote(plain(res))
	wrapped, unwrapped, _ := strings.Cut(got, "=")
	if wrapped != unwrapped || strings.Count(wrapped, "S!") != 4 {
		t.Errorf("Fprint family wrote %q, Sprint family %q; want both with 4 S!", wrapped, unwrapped)
	}
	waitBackground(t, s)
}

// BenchmarkIOWaitUM measures UM's verdict, and UM then A with the lock
// held (a release and re-acquire when the value waits).
func BenchmarkIOWaitUM(b *testing.B) {
	s := newSession(b)
	f, _ := osPipe(b)
	values := []struct {
		name string
		v    any
	}{
		{"strings.Builder", &strings.Builder{}},
		{"os.File", f},
		{"bufio.Reader-os.File", bufio.NewReader(f)},
		{"bufio.Scanner-strings.Reader", bufio.NewScanner(strings.NewReader("x"))},
	}
	for _, c := range values {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				s.unlockIfWaits(c.v, nil)
			}
		})
		b.Run(c.name+"/held", func(b *testing.B) {
			th := s.lock.NewThread("bench")
			defer th.Close()
			th.Acquire()
			for b.Loop() {
				s.relock(s.unlockIfWaits(c.v, nil))
			}
		})
	}
}
