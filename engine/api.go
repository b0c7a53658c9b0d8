// Package engine runs Go cells for the kernel: a yaegi session that keeps
// state across cells, rewrites each cell before compiling it (checkpoints for
// interrupts, safe goroutines), turns values into MIME bundles, completes and
// inspects.
//
// This file is the whole contract with package kernel. The kernel speaks the
// Jupyter protocol and knows nothing of yaegi; the engine knows nothing of
// ZeroMQ or message headers.
package engine

import "errors"

// Request is one execute_request as the engine sees it.
type Request struct {
	Code string
	// ExecutionCount is the number this cell is shown with (In[n]); it names
	// the cell in positions and tracebacks: cell[n]:line:col.
	ExecutionCount int
	Silent         bool
	StoreHistory   bool
	AllowStdin     bool
}

// Output is where a cell sends what it shows. It stays valid after Execute
// returns: goroutines the cell started keep writing to the same Output, and
// the kernel publishes that with the cell's request as parent.
// Implementations are safe for concurrent use.
type Output interface {
	// Stream sends text on "stdout" or "stderr". The kernel coalesces it.
	Stream(name, text string)
	// Display sends display_data, or update_display_data when d.Update.
	Display(d DisplayData)
	// ClearOutput asks the front end to clear the cell's output.
	ClearOutput(wait bool)
	// Input asks the front end for a line (input_request on stdin) and
	// returns it without the newline. It returns ErrNoStdin when the
	// request did not allow stdin.
	Input(prompt string, password bool) (string, error)
}

// ErrNoStdin is returned by Output.Input when the client does not allow stdin.
var ErrNoStdin = errors.New("stdin is not supported by this front end (allow_stdin is false)")

// DisplayData is one display_data or update_display_data message.
type DisplayData struct {
	Data     map[string]any // MIME type → content
	Metadata map[string]any
	// DisplayID is the transient display_id; "" when the output is not
	// meant to be updated.
	DisplayID string
	Update    bool
}

// Result is what a finished cell returns to the kernel.
type Result struct {
	// Data is the MIME bundle of the cell's final expression (execute_result);
	// nil when there is none, or when it was hidden with a trailing ';'.
	Data     map[string]any
	Metadata map[string]any
	// Error is non-nil when the cell failed; the kernel sends it as the
	// error message and as status "error" in execute_reply.
	Error *Error
	// Payload is execute_reply's payload list, e.g. a pager page:
	// {"source": "page", "data": {"text/plain": "..."}, "start": 0}.
	Payload []map[string]any
}

// Error is a failed cell: ename, evalue and traceback lines (which may hold
// ANSI colour codes, as IPython's do).
type Error struct {
	Name      string // "CompileError", "panic", "Interrupted", ...
	Value     string
	Traceback []string
}

func (e *Error) Error() string { return e.Name + ": " + e.Value }

// Completion is a complete_reply's content. Offsets are byte offsets into
// the code; the kernel converts them to the protocol's code points.
type Completion struct {
	Matches     []string
	CursorStart int
	CursorEnd   int
	Metadata    map[string]any
}

// Inspection is an inspect_reply's content.
type Inspection struct {
	Found    bool
	Data     map[string]any
	Metadata map[string]any
}

// Completeness is an is_complete_reply's content.
type Completeness struct {
	Status string // "complete", "incomplete", "invalid" or "unknown"
	Indent string // for "incomplete": the indent of the next line
}
