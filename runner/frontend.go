package runner

import (
	"regexp"
	"strings"

	"gokernel/kernel/wire"
	"gokernel/notebook"
)

// frontEnd applies iopub messages to notebook cells as Jupyter's front ends
// do: output goes to the cell whose request is its parent (also after that
// cell finished, for goroutines it started), clear_output clears it (at the
// next output when wait is set), and update_display_data replaces every
// output that shows the display id, in whatever cell.
type frontEnd struct {
	nb    *notebook.Notebook
	cells map[string]*cellState // by execute_request msg_id
}

type cellState struct {
	cell         *notebook.Cell
	clearPending bool
}

func newFrontEnd(nb *notebook.Notebook) *frontEnd {
	return &frontEnd{nb: nb, cells: map[string]*cellState{}}
}

// track makes msgID's outputs go to cell.
func (f *frontEnd) track(msgID string, cell *notebook.Cell) {
	f.cells[msgID] = &cellState{cell: cell}
}

// apply changes the notebook for m. It returns the cell m belongs to
// (nil when none) and, for update_display_data, the updated outputs.
func (f *frontEnd) apply(m wire.Message) (*notebook.Cell, error) {
	st := f.cells[m.ParentHeader.MsgID]
	switch m.Header.MsgType {
	case "update_display_data":
		var c wire.DisplayData
		if err := m.Unmarshal(&c); err != nil {
			return nil, err
		}
		f.update(displayID(c.Transient), c)
		return cellOf(st), nil
	case "clear_output":
		var c wire.ClearOutput
		if err := m.Unmarshal(&c); err != nil || st == nil {
			return cellOf(st), err
		}
		if c.Wait {
			st.clearPending = true
		} else {
			st.cell.Outputs, st.clearPending = nil, false
		}
		return st.cell, nil
	}
	out, ok, err := toOutput(m)
	if err != nil || !ok || st == nil {
		return cellOf(st), err
	}
	if st.clearPending {
		st.cell.Outputs, st.clearPending = nil, false
	}
	st.cell.Outputs = appendOutput(st.cell.Outputs, out)
	return st.cell, nil
}

func cellOf(st *cellState) *notebook.Cell {
	if st == nil {
		return nil
	}
	return st.cell
}

// toOutput converts an output message; ok is false for messages that are
// not outputs (status, execute_input, ...).
func toOutput(m wire.Message) (notebook.Output, bool, error) {
	switch m.Header.MsgType {
	case "stream":
		var c wire.Stream
		err := m.Unmarshal(&c)
		return notebook.Output{Type: notebook.Stream, Name: c.Name, Text: c.Text}, true, err
	case "display_data":
		var c wire.DisplayData
		err := m.Unmarshal(&c)
		return notebook.Output{Type: notebook.DisplayData, Data: c.Data, Metadata: c.Metadata,
			DisplayID: displayID(c.Transient)}, true, err
	case "execute_result":
		var c wire.ExecuteResult
		err := m.Unmarshal(&c)
		return notebook.Output{Type: notebook.ExecuteResult, Data: c.Data, Metadata: c.Metadata,
			ExecutionCount: c.ExecutionCount}, true, err
	case "error":
		var c wire.Error
		err := m.Unmarshal(&c)
		return notebook.Output{Type: notebook.Error, EName: c.Ename, EValue: c.Evalue,
			Traceback: c.Traceback}, true, err
	}
	return notebook.Output{}, false, nil
}

func displayID(transient map[string]any) string {
	id, _ := transient["display_id"].(string)
	return id
}

// appendOutput adds out, merging consecutive text on the same stream as
// Jupyter's front ends do.
func appendOutput(outs []notebook.Output, out notebook.Output) []notebook.Output {
	if n := len(outs); n > 0 && out.Type == notebook.Stream &&
		outs[n-1].Type == notebook.Stream && outs[n-1].Name == out.Name {
		outs[n-1].Text += out.Text
		return outs
	}
	return append(outs, out)
}

// update replaces the content of every output showing display id.
func (f *frontEnd) update(id string, c wire.DisplayData) {
	if id == "" {
		return
	}
	for _, cell := range f.nb.Cells {
		for i := range cell.Outputs {
			if o := &cell.Outputs[i]; o.DisplayID == id {
				o.Data, o.Metadata = c.Data, c.Metadata
			}
		}
	}
}

// Terminal control in stream text: a carriage return that does not end a
// line rewrites it, a backspace erases the character before it.
var (
	carriageReturn = regexp.MustCompile(`[^\n]*\r([^\n])`)
	backspace      = regexp.MustCompile(`[^\n]\x08`)
)

// settleStreams applies carriage returns and backspaces in the stream
// outputs of cell, so a progress bar drawn in place is stored as its final
// state (nbconvert does the same when it coalesces streams).
func settleStreams(cell *notebook.Cell) {
	for i := range cell.Outputs {
		o := &cell.Outputs[i]
		if o.Type != notebook.Stream {
			continue
		}
		text := strings.ReplaceAll(o.Text, "\r\n", "\n")
		text = carriageReturn.ReplaceAllString(text, "$1")
		for backspace.MatchString(text) {
			text = backspace.ReplaceAllString(text, "")
		}
		o.Text = text
	}
}
