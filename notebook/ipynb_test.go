package notebook

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// jsonNormal passes v through JSON, so values read from YAML (int) and from
// JSON (float64) compare equal.
func jsonNormal(t *testing.T, v map[string]any) map[string]any {
	t.Helper()
	data, err := json.Marshal(orEmpty(v))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteMatchesJupyter reads a notebook written by nbformat and writes it
// back: the bytes must be the same, so diffs against Jupyter's files are clean.
func TestWriteMatchesJupyter(t *testing.T) {
	want, err := os.ReadFile("testdata/jupyter.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	nb, err := ReadIPYNB(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := nb.WriteIPYNB(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("written notebook differs from nbformat's:\n%s", got.String())
	}
}

func TestReadIPYNBModel(t *testing.T) {
	nb := readMarkdownFile(t, "testdata/jupyter.ipynb")
	if len(nb.Cells) != 5 {
		t.Fatalf("got %d cells", len(nb.Cells))
	}
	c := nb.Cells[1]
	if c.Type != Code || c.Source != "x := 1\nx" || c.ExecutionCount != 1 || c.ID != "code-1" {
		t.Errorf("code cell = %+v", c)
	}
	if len(c.Outputs) != 3 {
		t.Fatalf("got %d outputs", len(c.Outputs))
	}
	if o := c.Outputs[0]; o.Type != Stream || o.Name != "stdout" || o.Text != "hello\nworld\n" {
		t.Errorf("stream = %+v", o)
	}
	if o := c.Outputs[1]; o.Data["text/html"] != "<b>1</b>\n<i>x</i>" || o.ExecutionCount != 1 {
		t.Errorf("execute_result = %+v", o)
	}
	json := c.Outputs[2].Data["application/json"]
	if !reflect.DeepEqual(json, map[string]any{"a": []any{1.0, 2.0}}) {
		t.Errorf("application/json = %#v, want it left as JSON", json)
	}
	if o := nb.Cells[2].Outputs[0]; o.Type != Error || o.EName != "panic" || len(o.Traceback) != 2 {
		t.Errorf("error = %+v", o)
	}
	if nb.Cells[3].ExecutionCount != 0 || nb.Cells[3].Source != "" {
		t.Errorf("empty cell = %+v", nb.Cells[3])
	}
	if nb.Language() != "go" {
		t.Errorf("language = %q", nb.Language())
	}
}

func TestReadOldMinorAddsIDs(t *testing.T) {
	src := `{"nbformat": 4, "nbformat_minor": 2, "metadata": {},
	 "cells": [
	  {"cell_type": "code", "source": "a := 1\n", "metadata": {}, "outputs": [], "execution_count": null},
	  {"cell_type": "markdown", "source": ["x\n", "y"], "metadata": {}}
	 ]}`
	nb, err := ReadIPYNB(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if nb.Cells[0].Source != "a := 1\n" || nb.Cells[1].Source != "x\ny" {
		t.Errorf("sources = %q, %q", nb.Cells[0].Source, nb.Cells[1].Source)
	}
	if nb.Cells[0].ID == "" || nb.Cells[0].ID == nb.Cells[1].ID {
		t.Errorf("ids = %q, %q", nb.Cells[0].ID, nb.Cells[1].ID)
	}
	var out bytes.Buffer
	if err := nb.WriteIPYNB(&out); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["nbformat"] != 4.0 || doc["nbformat_minor"] != 5.0 {
		t.Errorf("version = %v.%v", doc["nbformat"], doc["nbformat_minor"])
	}
	cell := doc["cells"].([]any)[0].(map[string]any)
	if !reflect.DeepEqual(cell["source"], []any{"a := 1\n"}) || cell["execution_count"] != nil {
		t.Errorf("cell = %v", cell)
	}
}

func TestReadIPYNBErrors(t *testing.T) {
	for name, src := range map[string]string{
		"not json":      `{"cells": [`,
		"nbformat 3":    `{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}`,
		"bad cell type": `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "x", "source": ""}]}`,
		"bad source":    `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": 3}]}`,
		"bad output": `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code",
			"source": "", "outputs": [{"output_type": "nope"}]}]}`,
	} {
		if _, err := ReadIPYNB(strings.NewReader(src)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestIPYNBRoundTripFromModel(t *testing.T) {
	nb := New()
	nb.Metadata["kernelspec"] = map[string]any{"name": "go", "display_name": "Go", "language": "go"}
	c := NewCell(Code, "fmt.Println(1)\n")
	c.ExecutionCount = 7
	c.Outputs = []Output{
		{Type: Stream, Name: "stderr", Text: "warn\n"},
		{Type: DisplayData, Data: map[string]any{"text/plain": "a\nb"}, DisplayID: "d1"},
		{Type: ExecuteResult, Data: map[string]any{"text/plain": "1"}, ExecutionCount: 7},
	}
	dup := NewCell(Markdown, "")
	dup.ID = c.ID // duplicate ids must not reach the file
	nb.Cells = []*Cell{c, dup}

	path := t.TempDir() + "/nb.ipynb"
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back := readMarkdownFile(t, path)
	if back.Cells[0].ID == back.Cells[1].ID {
		t.Errorf("duplicate ids written: %q", back.Cells[0].ID)
	}
	got := back.Cells[0]
	c.Outputs[1].DisplayID = "" // transient: not written
	if got.Source != c.Source || got.ExecutionCount != 7 || !reflect.DeepEqual(outputsJSON(t, got), outputsJSON(t, c)) {
		t.Errorf("got %+v\nwant %+v", got, c)
	}
}

func TestUnknownExtension(t *testing.T) {
	if _, err := ReadFile("testdata/x.txt"); err == nil {
		t.Error("read .txt: no error")
	}
	if err := New().WriteFile(t.TempDir() + "/x.txt"); err == nil {
		t.Error("write .txt: no error")
	}
}

// outputsJSON is the outputs of c as written, so nil and empty compare equal.
func outputsJSON(t *testing.T, c *Cell) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, o := range c.Outputs {
		out = append(out, jsonNormal(t, outputMap(o)))
	}
	return out
}
