package kernel

import "gokernel/engine"

// Engine runs code. The kernel calls Execute, Complete, Inspect and
// IsComplete from the shell goroutine, one at a time; Interrupt comes from
// the control goroutine or a SIGINT while Execute runs.
// *engine.Session implements it; tests use small fakes.
type Engine interface {
	Execute(req engine.Request, out engine.Output) engine.Result
	// Complete and Inspect take the cursor as a byte offset into code.
	Complete(code string, cursor int) engine.Completion
	Inspect(code string, cursor, detail int) engine.Inspection
	IsComplete(code string) engine.Completeness
	Interrupt()
}
