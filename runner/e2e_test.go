package runner

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gokernel/notebook"
)

// TestEndToEnd builds the gokernel command and runs a notebook with it:
// the real kernel, engine and runner over ZeroMQ.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the gokernel command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build gokernel with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gokernel")
	if out, err := exec.Command(goTool, "build", "-o", bin, "gokernel").CombinedOutput(); err != nil {
		t.Fatalf("build gokernel: %v\n%s", err, out)
	}
	src := "# E2E\n\n```go\nimport \"fmt\"\nx := 21\nfmt.Println(\"hello\")\nx * 2\n```\n\n" +
		"```go\nvar name string\nfmt.Scanln(&name)\nfmt.Println(\"hi\", name)\n```\n\n" +
		"```go\npanic(\"boom\")\n```\n\n```go\nfmt.Println(\"not reached\")\n```\n"
	nbPath := filepath.Join(dir, "e2e.md")
	if err := os.WriteFile(nbPath, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", nbPath, "--timeout", "2m")
	cmd.Stdin = strings.NewReader("gopher\n")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d (%v), want 1 for the panic\nstdout:\n%s\nstderr:\n%s", code, err, stdout.String(), stderr.String())
	}
	for _, want := range []string{"[1] import \"fmt\"", "hello\n42\n", "hi gopher\n", "panic: boom"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "cell [3] failed: panic") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	nb, err := notebook.ReadFile(filepath.Join(dir, "e2e.executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	code := nb.CodeCells()
	if o := code[0].Outputs; code[0].ExecutionCount != 1 || len(o) != 2 || o[0].Text != "hello\n" || o[1].Data["text/plain"] != "42" {
		t.Errorf("cell 1 = %+v", code[0])
	}
	if o := code[2].Outputs; len(o) != 1 || o[0].EName != "panic" {
		t.Errorf("cell 3 = %+v", code[2])
	}
	if code[3].ExecutionCount != 0 {
		t.Error("ran past the failing cell")
	}
}
