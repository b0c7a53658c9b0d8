package timeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gokernel/gil"
)

// The recorded trace, as -o writes it, opens in `go tool trace` with the
// lock's regions in it.
func TestTraceOpensInGoTool(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	l := gil.New(gil.Config{Enabled: true, Interval: time.Millisecond})
	tl := recordWorkers(t, l, calibrate(l, 30*time.Millisecond))
	path := filepath.Join(t.TempDir(), "trace.out")
	if err := os.WriteFile(path, tl.Trace, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gobin, "tool", "trace", "-d=parsed", path).CombinedOutput()
	if err != nil {
		t.Fatalf("go tool trace: %v\n%s", err, tail(out))
	}
	want := []string{"gil.hold", markerCategory}
	if tl.Summary().Waited > 0 {
		want = append(want, "gil.wait")
	}
	for _, want := range want {
		if !strings.Contains(string(out), want) {
			t.Errorf("parsed trace lacks %q", want)
		}
	}
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
