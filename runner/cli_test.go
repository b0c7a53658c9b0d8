package runner

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gokernel/notebook"
)

// useFakeKernel makes this test binary act as the kernel of the runs the
// test starts, and returns the file the kernel writes after a clean
// shutdown, holding its extra arguments.
func useFakeKernel(t *testing.T) string {
	t.Helper()
	mark := filepath.Join(t.TempDir(), "mark")
	t.Setenv(fakeKernelEnv, "1")
	t.Setenv(fakeMarkEnv, mark)
	return mark
}

func writeNotebook(t *testing.T, code ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("---\njupytext:\n  text_representation:\n    format_name: myst\n---\n\nIntro\n")
	for _, c := range code {
		b.WriteString("\n```{code-cell} go\n" + c + "\n```\n")
	}
	path := filepath.Join(t.TempDir(), "nb.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args = append(args, "--kernel", os.Args[0])
	code := mainIO(args, strings.NewReader("typed answer\n"), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestMainRunsNotebook(t *testing.T) {
	mark := useFakeKernel(t)
	nbPath := writeNotebook(t, "print hi\nresult 1", "input who? ")
	code, stdout, stderr := runMain(t, nbPath, "--kernel-arg", "extra", "--timeout", "1m")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "[1] print hi\n    result 1\nhi\n1\n") ||
		!strings.Contains(stdout, "who? typed answer\ngot typed answer\n") {
		t.Errorf("transcript:\n%s", stdout)
	}
	out := strings.TrimSuffix(nbPath, ".md") + ".executed.ipynb"
	if !strings.Contains(stderr, "wrote "+out) {
		t.Errorf("stderr:\n%s", stderr)
	}
	nb, err := notebook.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	code1 := nb.CodeCells()[0]
	if code1.ExecutionCount != 1 || len(code1.Outputs) != 2 || code1.Outputs[0].Text != "hi\n" {
		t.Errorf("executed cell = %+v", code1)
	}
	if nb.Cells[0].Type != notebook.Markdown || nb.Cells[0].Source != "Intro" {
		t.Errorf("markdown cell = %+v", nb.Cells[0])
	}
	ks := nb.Kernelspec()
	if ks["name"] != "go" || ks["display_name"] != "Go" || ks["language"] != "go" {
		t.Errorf("kernelspec = %v", ks)
	}
	if li, _ := nb.Metadata["language_info"].(map[string]any); li["name"] == nil {
		t.Errorf("language_info = %v", nb.Metadata["language_info"])
	}
	args, err := os.ReadFile(mark)
	if err != nil {
		t.Fatalf("the kernel did not shut down cleanly: %v", err)
	}
	if string(args) != "extra" {
		t.Errorf("kernel arguments = %q, want the --kernel-arg value", args)
	}
}

func TestMainFailingCell(t *testing.T) {
	mark := useFakeKernel(t)
	nbPath := writeNotebook(t, "print a", "fail", "print b")
	out := filepath.Join(t.TempDir(), "out.ipynb")
	code, stdout, stderr := runMain(t, "-o", out, nbPath)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "cell [2] failed: panic: boom") {
		t.Errorf("stderr:\n%s", stderr)
	}
	nb, err := notebook.ReadFile(out)
	if err != nil {
		t.Fatalf("no notebook written after a failure: %v", err)
	}
	if c := nb.CodeCells(); c[1].Outputs[0].EName != "panic" || c[2].ExecutionCount != 0 {
		t.Errorf("cells = %+v %+v", c[1], c[2])
	}
	if _, err := os.Stat(mark); err != nil {
		t.Errorf("the kernel did not shut down cleanly: %v", err)
	}

	code, _, stderr = runMain(t, "--allow-errors", "-q", "-o", out, nbPath)
	if code != 0 || !strings.Contains(stderr, "1 cells failed (errors allowed)") {
		t.Errorf("--allow-errors: exit %d\n%s", code, stderr)
	}
}

func TestMainUsageErrors(t *testing.T) {
	nbPath := writeNotebook(t, "print a")
	for name, args := range map[string][]string{
		"no notebook":      {},
		"two notebooks":    {nbPath, nbPath},
		"unknown flag":     {"--bogus", nbPath},
		"missing notebook": {filepath.Join(t.TempDir(), "none.md")},
		"bad timeout":      {"--timeout", "soon", nbPath},
		"no kernel":        {nbPath, "--kernel", filepath.Join(t.TempDir(), "no-such-binary")},
	} {
		var stdout, stderr bytes.Buffer
		if code := mainIO(args, strings.NewReader(""), &stdout, &stderr); code != 2 {
			t.Errorf("%s: exit %d, want 2\n%s", name, code, stderr.String())
		}
	}
}

func TestMainKernelDies(t *testing.T) {
	useFakeKernel(t)
	nbPath := writeNotebook(t, "print a", "exit", "print b")
	code, stdout, stderr := runMain(t, nbPath)
	if code != 1 || !strings.Contains(stderr, "kernel exited") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
}

func TestRunCancelShutsKernelDown(t *testing.T) {
	mark := useFakeKernel(t)
	nb := cells(t, "print a", "sleep", "print never")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel, as Ctrl-C does, once the second cell is running.
	transcript := cancelOn{cancel: cancel, text: "[2] sleep"}
	cfg := Config{Kernel: []string{os.Args[0], "kernel"}, Options: Options{Transcript: &transcript}}
	rep, err := Run(ctx, nb, cfg)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if rep.Executed != 2 || nb.CodeCells()[1].Outputs[0].EName != "Interrupted" {
		t.Errorf("report %+v, cell %+v", rep, nb.CodeCells()[1])
	}
	if _, err := os.Stat(mark); err != nil {
		t.Errorf("the kernel did not shut down cleanly: %v", err)
	}
}

func TestDefaultOutput(t *testing.T) {
	for in, want := range map[string]string{
		"hw/a.md":   "hw/a.executed.ipynb",
		"a.ipynb":   "a.executed.ipynb",
		"dir.x/nb":  "dir.x/nb.executed.ipynb",
		"a.b.ipynb": "a.b.executed.ipynb",
	} {
		if got := defaultOutput(in); got != want {
			t.Errorf("defaultOutput(%q) = %q, want %q", in, got, want)
		}
	}
}

// cancelOn calls cancel once text has been written to it.
type cancelOn struct {
	buf    strings.Builder
	text   string
	cancel context.CancelFunc
}

func (w *cancelOn) Write(p []byte) (int, error) {
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.text) {
		w.cancel()
	}
	return len(p), nil
}
