package engine

import (
	"strings"
	"sync"
	"testing"
)

// recorder is an Output that keeps everything a cell sent.
type recorder struct {
	mu       sync.Mutex
	streams  map[string]*strings.Builder
	displays []DisplayData
	clears   int
	inputs   []string // lines to answer Input with; empty: ErrNoStdin
	prompts  []string
}

func newRecorder(inputs ...string) *recorder {
	return &recorder{streams: map[string]*strings.Builder{"stdout": {}, "stderr": {}}, inputs: inputs}
}

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.streams[name].WriteString(text)
}

func (r *recorder) Display(d DisplayData) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.displays = append(r.displays, d)
}

func (r *recorder) ClearOutput(bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clears++
}

func (r *recorder) Input(prompt string, _ bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.prompts = append(r.prompts, prompt)
	if len(r.inputs) == 0 {
		return "", ErrNoStdin
	}
	line := r.inputs[0]
	r.inputs = r.inputs[1:]
	return line, nil
}

func (r *recorder) out(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.streams[name].String()
}

func (r *recorder) displayList() []DisplayData {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]DisplayData(nil), r.displays...)
}

func newSession(t testing.TB) *Session {
	t.Helper()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var counter int

// run executes code as the next cell and returns its result and output.
func run(t testing.TB, s *Session, code string) (Result, *recorder) {
	t.Helper()
	counter++
	out := newRecorder()
	return s.Execute(Request{Code: code, ExecutionCount: counter}, out), out
}

// mustRun runs code and fails the test on an error.
func mustRun(t testing.TB, s *Session, code string) (Result, *recorder) {
	t.Helper()
	res, out := run(t, s, code)
	if res.Error != nil {
		t.Fatalf("cell %q failed: %s: %s\n%s", code, res.Error.Name, res.Error.Value, strings.Join(res.Error.Traceback, "\n"))
	}
	return res, out
}

func plain(r Result) string {
	if r.Data == nil {
		return ""
	}
	s, _ := r.Data["text/plain"].(string)
	return s
}
