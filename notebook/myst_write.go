package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"gopkg.in/yaml.v3"
)

// WriteMyST writes nb as jupytext MyST markdown: the notebook metadata as
// YAML front matter, code cells as {code-cell} fences with their metadata
// as ":key: value" options, raw cells as {raw-cell} fences, and markdown
// cells separated by +++ (with their metadata as JSON). Outputs are not
// written; ReadMarkdown reads the result back to the same cells.
func (nb *Notebook) WriteMyST(w io.Writer) error {
	var b bytes.Buffer
	if err := writeFrontMatter(&b, nb.Metadata); err != nil {
		return fmt.Errorf("write myst: %w", err)
	}
	lang := nb.Language()
	prev := CellType("")
	for _, c := range nb.Cells {
		b.WriteString("\n")
		var err error
		switch c.Type {
		case Markdown:
			err = writeMarkdownCell(&b, c, prev == Markdown)
		case Code:
			err = writeFencedCell(&b, c, "{code-cell} "+lang)
		default:
			err = writeFencedCell(&b, c, "{raw-cell}")
		}
		if err != nil {
			return fmt.Errorf("write myst: cell %s: %w", c.ID, err)
		}
		prev = c.Type
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write myst: %w", err)
	}
	return nil
}

// writeFrontMatter writes the metadata as YAML front matter, marked as
// MyST so that jupytext and ReadMarkdown know the format.
func writeFrontMatter(b *bytes.Buffer, meta map[string]any) error {
	fm := make(map[string]any, len(meta)+1)
	for k, v := range meta {
		fm[k] = v
	}
	jt := map[string]any{}
	if old, ok := fm["jupytext"].(map[string]any); ok {
		for k, v := range old {
			jt[k] = v
		}
	}
	tr := map[string]any{}
	if old, ok := jt["text_representation"].(map[string]any); ok {
		for k, v := range old {
			tr[k] = v
		}
	}
	tr["extension"], tr["format_name"] = ".md", "myst"
	jt["text_representation"] = tr
	fm["jupytext"] = jt

	b.WriteString("---\n")
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("front matter: %w", err)
	}
	b.WriteString("---\n")
	return nil
}

func writeMarkdownCell(b *bytes.Buffer, c *Cell, afterMarkdown bool) error {
	switch {
	case len(c.Metadata) > 0 || c.Source == "":
		// An empty cell needs its break to exist at all.
		meta, err := json.Marshal(orEmpty(c.Metadata))
		if err != nil {
			return fmt.Errorf("metadata: %w", err)
		}
		fmt.Fprintf(b, "+++ %s\n\n", meta)
	case afterMarkdown:
		b.WriteString("+++\n\n")
	}
	if c.Source != "" {
		b.WriteString(c.Source)
		b.WriteString("\n")
	}
	return nil
}

func writeFencedCell(b *bytes.Buffer, c *Cell, info string) error {
	f := fenceFor(c.Source)
	fmt.Fprintf(b, "%s%s\n", f, info)
	keys := make([]string, 0, len(c.Metadata))
	for k := range c.Metadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// JSON is YAML flow syntax, so the value reads back unchanged.
		v, err := json.Marshal(c.Metadata[k])
		if err != nil {
			return fmt.Errorf("metadata %q: %w", k, err)
		}
		fmt.Fprintf(b, ":%s: %s\n", k, v)
	}
	if len(keys) > 0 {
		b.WriteString("\n")
	}
	if c.Source != "" {
		// A trailing newline shows as a blank line before the fence and
		// reads back as one.
		b.WriteString(c.Source)
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "%s\n", f)
	return nil
}
