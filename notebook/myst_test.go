package notebook

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func readMarkdownFile(t *testing.T, path string) *Notebook {
	t.Helper()
	nb, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

type cellWant struct {
	typ  CellType
	src  string
	meta map[string]any
}

func checkCells(t *testing.T, nb *Notebook, want []cellWant) {
	t.Helper()
	if len(nb.Cells) != len(want) {
		for i, c := range nb.Cells {
			t.Logf("cell %d: %s %q %v", i, c.Type, c.Source, c.Metadata)
		}
		t.Fatalf("got %d cells, want %d", len(nb.Cells), len(want))
	}
	for i, w := range want {
		c := nb.Cells[i]
		if c.Type != w.typ || c.Source != w.src {
			t.Errorf("cell %d: got %s %q, want %s %q", i, c.Type, c.Source, w.typ, w.src)
		}
		meta := jsonNormal(t, w.meta)
		if !reflect.DeepEqual(jsonNormal(t, c.Metadata), meta) {
			t.Errorf("cell %d: metadata %#v, want %#v", i, c.Metadata, meta)
		}
		if !validID.MatchString(c.ID) {
			t.Errorf("cell %d: invalid id %q", i, c.ID)
		}
	}
}

func TestReadMyST(t *testing.T) {
	nb := readMarkdownFile(t, "testdata/course.md")
	checkCells(t, nb, []cellWant{
		{Markdown, "# Title\n\nSome text", nil},
		{Code, "x := 1\nx", map[string]any{"tags": []any{"hide-output"}}},
		{Markdown, "More text\n\n```python\n# not a cell\n```", map[string]any{
			"slideshow": map[string]any{"slide_type": "slide"}}},
		{Markdown, "A second markdown cell", nil},
		{Code, "fmt.Println(\"```\")", map[string]any{"tags": []any{"a", "b"}, "other": 3}},
		{Code, "", nil},
		{Raw, "raw stuff", nil},
	})
	ks := nb.Kernelspec()
	if ks["name"] != "go" || ks["display_name"] != "Go" || ks["language"] != "go" {
		t.Errorf("kernelspec = %v", ks)
	}
	if got := formatName(nb.Metadata); got != "myst" {
		t.Errorf("format_name = %q", got)
	}
}

func TestReadPlainMarkdown(t *testing.T) {
	nb := readMarkdownFile(t, "testdata/plain.md")
	checkCells(t, nb, []cellWant{
		{Markdown, "# Plain\n\nIntro.", nil},
		{Code, "import \"fmt\"\n\nfmt.Println(\"hi\")", nil},
		{Markdown, "Between, with a shell example:\n\n```sh\ngokernel run x.md\n```", nil},
		{Code, "1 + 2", nil},
	})
	// jupytext's markdown format nests the metadata under "jupyter".
	if nb.Kernelspec()["name"] != "go" {
		t.Errorf("kernelspec = %v", nb.Metadata)
	}
	if _, nested := nb.Metadata["jupyter"]; nested {
		t.Errorf("metadata kept the jupyter wrapper: %v", nb.Metadata)
	}
}

func TestPlainMarkdownWithoutFrontMatter(t *testing.T) {
	src := "Text\n```go\na := 1\n```\n```go\n```\n+++\nafter"
	nb, err := ReadMarkdown(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	// +++ is only a break in MyST; in plain markdown it is text.
	checkCells(t, nb, []cellWant{
		{Markdown, "Text", nil},
		{Code, "a := 1", nil},
		{Code, "", nil},
		{Markdown, "+++\nafter", nil},
	})
	if len(nb.Metadata) != 0 {
		t.Errorf("metadata = %v, want none", nb.Metadata)
	}
}

func TestCodeCellFenceMakesMyST(t *testing.T) {
	src := "```{code-cell} go\n:tags: [x]\n:name: \"y\"\nprintln(1)\n```\n+++ {\"k\": 1}\n\nmd\n"
	nb, err := ReadMarkdown(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, nb, []cellWant{
		{Code, "println(1)", map[string]any{"tags": []any{"x"}, "name": "y"}},
		{Markdown, "md", map[string]any{"k": 1}},
	})
}

func TestMarkdownErrors(t *testing.T) {
	for name, src := range map[string]string{
		"unclosed front matter": "---\nkernelspec: {}\n",
		"bad front matter":      "---\n[unclosed\n---\n",
		"bad break metadata":    "```{code-cell} go\n```\n+++ {not json}\n",
		"bad option":            "```{code-cell} go\n:tags: [a\n```\n",
	} {
		if _, err := ReadMarkdown(strings.NewReader(src)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestMySTRoundTrip(t *testing.T) {
	for _, path := range []string{"testdata/course.md", "testdata/plain.md", "testdata/jupyter.ipynb"} {
		t.Run(path, func(t *testing.T) {
			nb := readMarkdownFile(t, path)
			var b bytes.Buffer
			if err := nb.WriteMyST(&b); err != nil {
				t.Fatal(err)
			}
			back, err := ReadMarkdown(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatalf("%v\n%s", err, b.String())
			}
			var want []cellWant
			for _, c := range nb.Cells {
				want = append(want, cellWant{c.Type, c.Source, jsonNormal(t, c.Metadata)})
			}
			checkCells(t, back, want)
			if !reflect.DeepEqual(jsonNormal(t, back.Kernelspec()), jsonNormal(t, nb.Kernelspec())) {
				t.Errorf("kernelspec %v, want %v", back.Kernelspec(), nb.Kernelspec())
			}
			if formatName(back.Metadata) != "myst" {
				t.Errorf("written front matter is not marked myst:\n%s", b.String())
			}
		})
	}
}

func TestWriteFileMyST(t *testing.T) {
	nb := readMarkdownFile(t, "testdata/course.md")
	path := t.TempDir() + "/out.md"
	if err := nb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "---\n") || !strings.Contains(string(data), "```{code-cell} go\n") {
		t.Errorf("unexpected MyST:\n%s", data)
	}
}
