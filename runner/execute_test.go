package runner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gokernel/notebook"
)

// cells builds a notebook from plain markdown: each argument is a code cell.
func cells(t *testing.T, code ...string) *notebook.Notebook {
	t.Helper()
	var b strings.Builder
	b.WriteString("# test\n\n")
	for _, c := range code {
		b.WriteString("```go\n" + c + "\n```\n\n")
	}
	nb, err := notebook.ReadMarkdown(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func execute(t *testing.T, nb *notebook.Notebook, opts Options) (Report, string, error) {
	t.Helper()
	c := startInProcess(t)
	var out strings.Builder
	opts.Transcript = &out
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := Execute(ctx, c, nb, opts)
	return rep, out.String(), err
}

func TestExecuteOutputs(t *testing.T) {
	nb := cells(t,
		"print hello\nprint world\neprint careful\nresult 42",
		"display bar 10%\nupdate bar 50%\npng",
		"print gone\nclearwait\nprint kept",
		"print gone too\nclear",
		"update bar 100%",
	)
	rep, transcript, err := execute(t, nb, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, transcript)
	}
	if rep.Executed != 5 || len(rep.Errors) != 0 {
		t.Errorf("report = %+v", rep)
	}
	code := nb.CodeCells()
	for i, c := range code {
		if c.ExecutionCount != i+1 {
			t.Errorf("cell %d: execution count %d", i, c.ExecutionCount)
		}
	}

	out := code[0].Outputs
	if len(out) != 3 {
		t.Fatalf("cell 1 outputs = %+v", out)
	}
	if out[0].Type != notebook.Stream || out[0].Name != "stdout" || out[0].Text != "hello\nworld\n" {
		t.Errorf("stdout not merged into one output: %+v", out[0])
	}
	if out[1].Name != "stderr" || out[1].Text != "careful\n" {
		t.Errorf("stderr = %+v", out[1])
	}
	if out[2].Type != notebook.ExecuteResult || out[2].Data["text/plain"] != "42" || out[2].ExecutionCount != 1 {
		t.Errorf("execute_result = %+v", out[2])
	}

	// The display shows its last update, made by a later cell.
	out = code[1].Outputs
	if len(out) != 2 || out[0].Data["text/plain"] != "100%" || out[0].DisplayID != "bar" {
		t.Errorf("display = %+v", out)
	}
	if len(code[4].Outputs) != 0 {
		t.Errorf("update_display_data added an output to its own cell: %+v", code[4].Outputs)
	}
	if got := code[2].Outputs; len(got) != 1 || got[0].Text != "kept\n" {
		t.Errorf("clear_output(wait) = %+v", got)
	}
	if got := code[3].Outputs; len(got) != 0 {
		t.Errorf("clear_output = %+v", got)
	}

	for _, want := range []string{
		"[1] print hello\n    print world\n    eprint careful\n    result 42\nhello\nworld\ncareful\n42\n",
		"[2] display bar 10%",
		"[image/png 2.9 KB]",
		"50%\n", // the update, printed at the end of its cell
		"[5] update bar 100%\n100%\n",
	} {
		if !strings.Contains(transcript, want) {
			t.Errorf("transcript lacks %q:\n%s", want, transcript)
		}
	}
}

func TestExecuteStopsAtFirstError(t *testing.T) {
	nb := cells(t, "print a", "fail", "print never")
	rep, transcript, err := execute(t, nb, Options{})
	var cerr *CellError
	if !errors.As(err, &cerr) {
		t.Fatalf("err = %v, want a *CellError", err)
	}
	if cerr.Name != "panic" || cerr.Value != "boom" || cerr.ExecutionCount != 2 || cerr.Index != 2 {
		t.Errorf("cell error = %+v", cerr)
	}
	code := nb.CodeCells()
	if o := code[1].Outputs; len(o) != 1 || o[0].Type != notebook.Error || o[0].EName != "panic" {
		t.Errorf("error output = %+v", o)
	}
	if code[2].ExecutionCount != 0 || len(code[2].Outputs) != 0 || rep.Executed != 2 {
		t.Errorf("ran past the error: %+v, report %+v", code[2], rep)
	}
	if !strings.Contains(transcript, "panic: boom\ncell line 1") || strings.Contains(transcript, "\x1b[") {
		t.Errorf("transcript should show the traceback without colour:\n%q", transcript)
	}
}

func TestExecuteAllowErrors(t *testing.T) {
	nb := cells(t, "fail", "print after")
	rep, _, err := execute(t, nb, Options{AllowErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || rep.Errors[0].Index != 1 {
		t.Errorf("report = %+v", rep)
	}
	if o := nb.CodeCells()[1].Outputs; len(o) != 1 || o[0].Text != "after\n" {
		t.Errorf("cell after the error = %+v", o)
	}
}

func TestExecuteRaisesExceptionTag(t *testing.T) {
	nb := cells(t, "fail", "print after")
	nb.CodeCells()[0].Metadata["tags"] = []any{"raises-exception"}
	if _, _, err := execute(t, nb, Options{}); err != nil {
		t.Fatal(err)
	}
	if nb.CodeCells()[1].ExecutionCount == 0 {
		t.Error("the cell after an expected error did not run")
	}
}

func TestExecuteSkipsEmptyAndTaggedCells(t *testing.T) {
	nb := cells(t, "  ", "print skipped", "print ran")
	nb.CodeCells()[1].Metadata["tags"] = []any{"skip-execution"}
	nb.CodeCells()[1].Outputs = []notebook.Output{{Type: notebook.Stream, Name: "stdout", Text: "stale"}}
	rep, _, err := execute(t, nb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	code := nb.CodeCells()
	if rep.Executed != 1 || code[0].ExecutionCount != 0 || code[1].ExecutionCount != 0 || code[2].ExecutionCount != 1 {
		t.Errorf("report %+v, counts %d %d %d", rep, code[0].ExecutionCount, code[1].ExecutionCount, code[2].ExecutionCount)
	}
	if len(code[1].Outputs) != 0 {
		t.Errorf("old outputs were kept: %+v", code[1].Outputs)
	}
}

func TestExecuteTimeoutInterrupts(t *testing.T) {
	nb := cells(t, "print start\nsleep", "print never")
	_, transcript, err := execute(t, nb, Options{Timeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	out := nb.CodeCells()[0].Outputs
	if len(out) != 2 || out[1].EName != "Interrupted" {
		t.Errorf("the interrupted cell's outputs = %+v\n%s", out, transcript)
	}
	if nb.CodeCells()[1].ExecutionCount != 0 {
		t.Error("ran past the timeout")
	}
}

func TestExecuteInput(t *testing.T) {
	nb := cells(t, "input name? ", "input again? ")
	answers := []string{"gopher", "go"}
	var prompts []string
	_, transcript, err := execute(t, nb, Options{EchoInput: true, Input: func(prompt string, _ bool) string {
		prompts = append(prompts, prompt)
		a := answers[0]
		answers = answers[1:]
		return a
	}})
	if err != nil {
		t.Fatal(err)
	}
	if o := nb.CodeCells()[1].Outputs; len(o) != 1 || o[0].Text != "got go\n" {
		t.Errorf("outputs = %+v", o)
	}
	if strings.Join(prompts, "|") != "name? |again? " {
		t.Errorf("prompts = %q", prompts)
	}
	if !strings.Contains(transcript, "name? gopher\ngot gopher\n") {
		t.Errorf("transcript:\n%s", transcript)
	}
}

func TestLateOutputGoesToItsCell(t *testing.T) {
	nb := cells(t, "later from the first cell", "sleep")
	c := startInProcess(t)
	// The second cell waits until interrupted; by then the goroutine of
	// the first has printed, with the first request as parent.
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err := Execute(ctx, c, nb, Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if o := nb.CodeCells()[0].Outputs; len(o) != 1 || o[0].Text != "from the first cell\n" {
		t.Errorf("first cell outputs = %+v", o)
	}
}

func TestSettleStreams(t *testing.T) {
	c := &notebook.Cell{Outputs: []notebook.Output{{Type: notebook.Stream, Text: "10%\r50%\r100%\nab\bc\r\n"}}}
	settleStreams(c)
	if got := c.Outputs[0].Text; got != "100%\nac\n" {
		t.Errorf("got %q", got)
	}
}

func TestRichText(t *testing.T) {
	for _, tc := range []struct {
		data map[string]any
		want string
	}{
		{map[string]any{"text/plain": "x\n", "text/html": "<b>x</b>"}, "x"},
		{map[string]any{"text/html": strings.Repeat("a", 2048)}, "[text/html 2.0 KB]"},
		{map[string]any{"image/svg+xml": strings.Repeat("a", 12*1024)}, "[image/svg+xml 12 KB]"},
		{map[string]any{"text/markdown": "# hi", "image/jpeg": "AAAA"}, "# hi\n[image/jpeg 3 B]"},
		{map[string]any{"application/json": map[string]any{"a": 1}}, "[application/json 7 B]"},
	} {
		if got := richText(tc.data); got != tc.want {
			t.Errorf("richText(%v) = %q, want %q", tc.data, got, tc.want)
		}
	}
}
