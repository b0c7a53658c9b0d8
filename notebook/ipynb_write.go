package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteIPYNB writes nb as nbformat 4.5 JSON the way Jupyter does: keys
// sorted, one-space indent, multiline strings as lists of lines, a final
// newline. Cells without a valid, unique id get one.
func (nb *Notebook) WriteIPYNB(w io.Writer) error {
	nb.EnsureIDs()
	cells := make([]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		cells = append(cells, cellMap(c))
	}
	doc := map[string]any{
		"cells":          cells,
		"metadata":       orEmpty(nb.Metadata),
		"nbformat":       4,
		"nbformat_minor": 5,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // Python's json.dumps leaves <, > and & alone
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write ipynb: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write ipynb: %w", err)
	}
	return nil
}

func cellMap(c *Cell) map[string]any {
	m := map[string]any{
		"cell_type": string(c.Type),
		"id":        c.ID,
		"metadata":  orEmpty(c.Metadata),
		"source":    splitLines(c.Source),
	}
	if c.Type != Code {
		if len(c.Attachments) > 0 {
			m["attachments"] = c.Attachments
		}
		return m
	}
	m["execution_count"] = count(c.ExecutionCount)
	outputs := make([]any, 0, len(c.Outputs))
	for _, o := range c.Outputs {
		outputs = append(outputs, outputMap(o))
	}
	m["outputs"] = outputs
	return m
}

func outputMap(o Output) map[string]any {
	m := map[string]any{"output_type": string(o.Type)}
	switch o.Type {
	case Stream:
		m["name"] = o.Name
		m["text"] = splitLines(o.Text)
	case ExecuteResult, DisplayData:
		m["data"] = splitBundle(o.Data)
		m["metadata"] = orEmpty(o.Metadata)
		if o.Type == ExecuteResult {
			m["execution_count"] = count(o.ExecutionCount)
		}
	case Error:
		m["ename"] = o.EName
		m["evalue"] = o.EValue
		tb := o.Traceback
		if tb == nil {
			tb = []string{}
		}
		m["traceback"] = tb
	}
	return m
}

// count is an execution count as written: null for 0.
func count(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
