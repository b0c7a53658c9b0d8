package notebook

import (
	"encoding/json"
	"fmt"
	"io"
)

// fileJSON, cellJSON and outputJSON are the nbformat 4 shapes on disk.
type fileJSON struct {
	Cells         []cellJSON     `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

type cellJSON struct {
	ID             string          `json:"id"`
	CellType       CellType        `json:"cell_type"`
	Source         json.RawMessage `json:"source"`
	Metadata       map[string]any  `json:"metadata"`
	Attachments    map[string]any  `json:"attachments"`
	ExecutionCount *int            `json:"execution_count"`
	Outputs        []outputJSON    `json:"outputs"`
}

type outputJSON struct {
	OutputType     OutputType      `json:"output_type"`
	Name           string          `json:"name"`
	Text           json.RawMessage `json:"text"`
	Data           map[string]any  `json:"data"`
	Metadata       map[string]any  `json:"metadata"`
	ExecutionCount *int            `json:"execution_count"`
	EName          string          `json:"ename"`
	EValue         string          `json:"evalue"`
	Traceback      []string        `json:"traceback"`
}

// ReadIPYNB reads an nbformat 4 notebook. Cells without an id (nbformat
// 4.0–4.4) get one.
func ReadIPYNB(r io.Reader) (*Notebook, error) {
	var f fileJSON
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("read ipynb: %w", err)
	}
	if f.NBFormat != 4 {
		return nil, fmt.Errorf("read ipynb: nbformat %d is not supported (want 4)", f.NBFormat)
	}
	nb := &Notebook{Metadata: f.Metadata, Cells: make([]*Cell, 0, len(f.Cells))}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	for i, cj := range f.Cells {
		c, err := cj.cell()
		if err != nil {
			return nil, fmt.Errorf("read ipynb: cell %d: %w", i, err)
		}
		nb.Cells = append(nb.Cells, c)
	}
	nb.EnsureIDs()
	return nb, nil
}

func (cj cellJSON) cell() (*Cell, error) {
	switch cj.CellType {
	case Code, Markdown, Raw:
	default:
		return nil, fmt.Errorf("unknown cell_type %q", cj.CellType)
	}
	src, err := multiline(cj.Source)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	c := &Cell{ID: cj.ID, Type: cj.CellType, Source: src, Metadata: cj.Metadata, Attachments: cj.Attachments}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	if cj.ExecutionCount != nil {
		c.ExecutionCount = *cj.ExecutionCount
	}
	for i, oj := range cj.Outputs {
		o, err := oj.output()
		if err != nil {
			return nil, fmt.Errorf("output %d: %w", i, err)
		}
		c.Outputs = append(c.Outputs, o)
	}
	return c, nil
}

func (oj outputJSON) output() (Output, error) {
	o := Output{Type: oj.OutputType, Name: oj.Name, Metadata: oj.Metadata,
		EName: oj.EName, EValue: oj.EValue, Traceback: oj.Traceback}
	switch oj.OutputType {
	case Stream:
		text, err := multiline(oj.Text)
		if err != nil {
			return o, fmt.Errorf("text: %w", err)
		}
		o.Text = text
	case ExecuteResult, DisplayData:
		o.Data = joinBundle(oj.Data)
		if oj.ExecutionCount != nil {
			o.ExecutionCount = *oj.ExecutionCount
		}
	case Error:
	default:
		return o, fmt.Errorf("unknown output_type %q", oj.OutputType)
	}
	return o, nil
}
