package notebook

// CellType is the kind of a cell, as nbformat spells it.
type CellType string

// The cell types of nbformat 4.
const (
	Code     CellType = "code"
	Markdown CellType = "markdown"
	Raw      CellType = "raw"
)

// Notebook is a notebook in memory.
type Notebook struct {
	// Metadata is the notebook metadata: "kernelspec", "language_info",
	// "jupytext" and whatever else the file carried.
	Metadata map[string]any
	Cells    []*Cell
}

// Cell is one cell. Outputs and ExecutionCount only matter for code cells.
type Cell struct {
	// ID is the nbformat 4.5 cell id; readers fill it in when the file
	// has none.
	ID       string
	Type     CellType
	Source   string
	Metadata map[string]any
	// Attachments are the attachments of markdown and raw cells, as stored.
	Attachments map[string]any
	// ExecutionCount is In[n]; 0 means not executed (null on disk).
	ExecutionCount int
	Outputs        []Output
}

// OutputType is the output_type of an output.
type OutputType string

// The output types of nbformat 4.
const (
	Stream        OutputType = "stream"
	ExecuteResult OutputType = "execute_result"
	DisplayData   OutputType = "display_data"
	Error         OutputType = "error"
)

// Output is one output of a code cell. Which fields are used depends on
// Type: Name and Text for streams; Data, Metadata (and ExecutionCount for
// execute_result) for rich outputs; EName, EValue and Traceback for errors.
type Output struct {
	Type OutputType

	Name string // "stdout" or "stderr"
	Text string

	// Data maps a MIME type to its content: a string for text and base64
	// types, any JSON value for JSON types.
	Data           map[string]any
	Metadata       map[string]any
	ExecutionCount int

	EName     string
	EValue    string
	Traceback []string

	// DisplayID is the transient display_id of a display_data output, kept
	// so update_display_data can find it; it is never written to disk.
	DisplayID string
}

// New returns an empty notebook.
func New() *Notebook {
	return &Notebook{Metadata: map[string]any{}}
}

// NewCell returns a cell of type t with source src. Its id is given when
// the notebook is written (EnsureIDs).
func NewCell(t CellType, src string) *Cell {
	return &Cell{Type: t, Source: src, Metadata: map[string]any{}}
}

// CodeCells returns the code cells in order.
func (nb *Notebook) CodeCells() []*Cell {
	var cells []*Cell
	for _, c := range nb.Cells {
		if c.Type == Code {
			cells = append(cells, c)
		}
	}
	return cells
}

// Kernelspec returns metadata.kernelspec as a map, or nil.
func (nb *Notebook) Kernelspec() map[string]any {
	ks, _ := nb.Metadata["kernelspec"].(map[string]any)
	return ks
}

// Language is the language of the notebook's code cells: kernelspec
// language, else language_info name, else "go".
func (nb *Notebook) Language() string {
	if lang, _ := nb.Kernelspec()["language"].(string); lang != "" {
		return lang
	}
	li, _ := nb.Metadata["language_info"].(map[string]any)
	if name, _ := li["name"].(string); name != "" {
		return name
	}
	return "go"
}
