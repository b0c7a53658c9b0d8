package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"gokernel/kernel/wire"
	"gokernel/notebook"
)

// Options configure how a notebook is executed.
type Options struct {
	// Timeout limits each cell; 0 means no limit. A cell that runs longer
	// is interrupted and the run fails.
	Timeout time.Duration
	// AllowErrors keeps going after a failing cell. Without it the run
	// stops at the first error, except in cells tagged "raises-exception"
	// (nbclient's convention for cells meant to fail).
	AllowErrors bool
	// Transcript receives the readable record of the run; nil discards it.
	Transcript io.Writer
	// Color keeps ANSI escapes in the transcript and redraws updated
	// displays in place: set it when Transcript is a terminal.
	Color bool
	// Progress, when not nil, shows "cell 3/12" on it (a terminal).
	Progress io.Writer
	// Input answers the kernel's input requests; nil answers "".
	Input func(prompt string, password bool) string
	// EchoInput prints the answers to input requests in the transcript
	// (when they were not typed on the terminal, where they show already).
	EchoInput bool
	// InterruptGrace is how long an interrupted cell may take to finish
	// after interrupt_request (default 5s).
	InterruptGrace time.Duration
}

// CellError is a cell that failed.
type CellError struct {
	Index          int // position in Notebook.Cells
	ExecutionCount int
	Name, Value    string
	Traceback      []string
}

func (e *CellError) Error() string {
	return fmt.Sprintf("cell [%d] failed: %s: %s", e.ExecutionCount, e.Name, e.Value)
}

// ErrTimeout is the cause of a cell that ran past Options.Timeout.
var ErrTimeout = errors.New("cell timed out")

// Report says what Execute did.
type Report struct {
	Executed int          // code cells that ran
	Errors   []*CellError // cells that failed, in order
}

// Execute runs the code cells of nb in order on a connected kernel, filling
// in their outputs and execution counts. Outputs from an earlier run are
// cleared first. Empty cells and cells tagged "skip-execution" do not run.
//
// It returns a *CellError for the first failing cell unless
// opts.AllowErrors is set or the cell is tagged "raises-exception". When
// ctx ends or a cell times out, the running cell is interrupted and the
// error wraps context.Cause(ctx) or ErrTimeout.
func Execute(ctx context.Context, c *Client, nb *notebook.Notebook, opts Options) (Report, error) {
	e := &executor{c: c, nb: nb, opts: opts, fe: newFrontEnd(nb)}
	if opts.Transcript == nil {
		e.opts.Transcript = io.Discard
	}
	if opts.InterruptGrace == 0 {
		e.opts.InterruptGrace = 5 * time.Second
	}
	var prog *progress
	if opts.Progress != nil {
		prog = &progress{w: opts.Progress}
	}
	defer prog.done()
	e.tr = newTranscript(e.opts.Transcript, opts.Color, prog)
	defer e.settle()

	resetOutputs(nb)
	cells := runnable(nb)
	for i, idx := range cells {
		prog.set(i+1, len(cells))
		if err := e.cell(ctx, idx); err != nil {
			return e.report, err
		}
	}
	return e.report, nil
}

type executor struct {
	c      *Client
	nb     *notebook.Notebook
	opts   Options
	fe     *frontEnd
	tr     *transcript
	report Report

	current     *notebook.Cell // the cell running now
	headerShown bool
}

func resetOutputs(nb *notebook.Notebook) {
	for _, c := range nb.Cells {
		if c.Type == notebook.Code {
			c.Outputs, c.ExecutionCount = nil, 0
		}
	}
}

// runnable returns the indexes of the cells to run.
func runnable(nb *notebook.Notebook) []int {
	var idx []int
	for i, c := range nb.Cells {
		if c.Type == notebook.Code && strings.TrimSpace(c.Source) != "" && !hasTag(c, "skip-execution") {
			idx = append(idx, i)
		}
	}
	return idx
}

func hasTag(c *notebook.Cell, tag string) bool {
	tags, _ := c.Metadata["tags"].([]any)
	return slices.Contains(tags, any(tag))
}

// cell runs nb.Cells[idx].
func (e *executor) cell(ctx context.Context, idx int) error {
	cell := e.nb.Cells[idx]
	e.current, e.headerShown = cell, false
	req := wire.DefaultExecuteRequest(cell.Source)
	req.StopOnError = !e.opts.AllowErrors
	hdr, err := e.c.StartExecute(req)
	if err != nil {
		return err
	}
	e.fe.track(hdr.MsgID, cell)
	e.report.Executed++

	cellCtx, cancel := ctx, context.CancelFunc(func() {})
	if e.opts.Timeout > 0 {
		cellCtx, cancel = context.WithTimeoutCause(ctx, e.opts.Timeout, ErrTimeout)
	}
	reply, err := e.c.Await(cellCtx, hdr, e.handlers())
	cancel()
	if err != nil {
		return e.interrupted(ctx, hdr, err)
	}
	e.finish(reply.ExecutionCount)
	if reply.Status == "ok" {
		return nil
	}
	cerr := &CellError{Index: idx, ExecutionCount: cell.ExecutionCount,
		Name: reply.Ename, Value: reply.Evalue, Traceback: reply.Traceback}
	if reply.Status != "error" {
		cerr.Name, cerr.Value = reply.Status, "the kernel did not run the cell"
	}
	e.report.Errors = append(e.report.Errors, cerr)
	if e.opts.AllowErrors || hasTag(cell, "raises-exception") {
		return nil
	}
	return cerr
}

// interrupted handles a cell whose wait ended early: for a timeout or a
// cancelled run it interrupts the kernel and collects what the cell shows
// while it stops, for at most InterruptGrace.
func (e *executor) interrupted(ctx context.Context, hdr wire.Header, err error) error {
	if errors.Is(err, ErrClosed) {
		// A lost connection usually means the kernel died: wait a moment
		// for ctx to say so.
		select {
		case <-ctx.Done():
			err = context.Cause(ctx)
		case <-time.After(time.Second):
		}
	}
	if errors.Is(err, ErrTimeout) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		grace, cancel := context.WithTimeout(context.Background(), e.opts.InterruptGrace)
		defer cancel()
		if e.c.Interrupt(grace) == nil {
			if reply, werr := e.c.Await(grace, hdr, e.handlers()); werr == nil {
				e.finish(reply.ExecutionCount)
			}
		}
	}
	e.finish(0)
	if errors.Is(err, ErrTimeout) {
		err = fmt.Errorf("%w after %v", ErrTimeout, e.opts.Timeout)
	}
	return fmt.Errorf("%s: %w", e.cellName(), err)
}

// cellName names the current cell as the transcript shows it.
func (e *executor) cellName() string {
	if n := e.current.ExecutionCount; n > 0 {
		return fmt.Sprintf("cell [%d]", n)
	}
	return fmt.Sprintf("code cell %d", e.report.Executed)
}

// finish records the execution count and prints what is left to print.
func (e *executor) finish(count int) {
	if count > 0 {
		e.current.ExecutionCount = count
	}
	e.header(e.current.ExecutionCount)
	e.tr.flushUpdates()
}

func (e *executor) header(count int) {
	if !e.headerShown {
		e.tr.cell(count, e.current.Source)
		e.headerShown = true
	}
}

func (e *executor) handlers() Handlers {
	return Handlers{IOPub: e.iopub, Input: e.input}
}

// iopub applies an iopub message to the notebook and prints it.
func (e *executor) iopub(m wire.Message) {
	cell, err := e.fe.apply(m)
	if err != nil || cell == nil {
		return
	}
	switch m.Header.MsgType {
	case "status":
	case "execute_input":
		var c wire.ExecuteInput
		if cell == e.current && m.Unmarshal(&c) == nil {
			cell.ExecutionCount = c.ExecutionCount
			e.header(c.ExecutionCount)
		}
	default:
		if cell == e.current {
			e.header(cell.ExecutionCount)
		}
		e.print(m)
	}
}

func (e *executor) print(m wire.Message) {
	switch m.Header.MsgType {
	case "stream":
		var c wire.Stream
		if m.Unmarshal(&c) == nil {
			e.tr.stream(c.Text)
		}
	case "display_data", "execute_result":
		var c wire.DisplayData
		if m.Unmarshal(&c) == nil {
			e.tr.rich(c.Data, displayID(c.Transient))
		}
	case "update_display_data":
		var c wire.DisplayData
		if m.Unmarshal(&c) == nil {
			e.tr.update(displayID(c.Transient), c.Data)
		}
	case "error":
		var c wire.Error
		if m.Unmarshal(&c) == nil {
			e.tr.error(c.Ename, c.Evalue, c.Traceback)
		}
	}
}

// input answers an input_request and shows the exchange in the transcript.
func (e *executor) input(prompt string, password bool) string {
	e.header(e.current.ExecutionCount)
	e.tr.write(prompt)
	value := ""
	if e.opts.Input != nil {
		value = e.opts.Input(prompt, password)
	}
	switch {
	case !e.opts.EchoInput:
		e.tr.midLine = false // the terminal echoed the answer and its newline
	case password:
		e.tr.write("\n")
	default:
		e.tr.write(value + "\n")
	}
	return value
}

// settle stores streams in their final on-screen form.
func (e *executor) settle() {
	for _, c := range e.nb.Cells {
		settleStreams(c)
	}
}
