package kernel

import (
	"fmt"
	"runtime/debug"
	"strings"

	"gokernel/engine"
	"gokernel/kernel/wire"
)

// execute runs one execute_request. IPython's counting rule: the execution
// count goes up only for cells stored in history, and silent cells are
// never stored.
func (k *Kernel) execute(m wire.Message) {
	c := wire.DefaultExecuteRequest("")
	if err := m.Unmarshal(&c); err != nil {
		k.log.Print(err)
		k.replyExecuteError(m, k.count, &engine.Error{Name: "BadRequest", Value: err.Error()})
		return
	}
	store := c.StoreHistory && !c.Silent
	if store {
		k.count++
	}
	n := k.count
	if !c.Silent {
		k.publish(&m.Header, "execute_input", wire.ExecuteInput{Code: c.Code, ExecutionCount: n})
	}
	out := newCellOutput(k, m, c.AllowStdin)
	res := k.runCell(engine.Request{
		Code:           c.Code,
		ExecutionCount: n,
		Silent:         c.Silent,
		StoreHistory:   store,
		AllowStdin:     c.AllowStdin,
	}, out)
	var output *string
	switch {
	case res.Error != nil:
		out.publish("error", errorContent(res.Error))
	case res.Data != nil && !c.Silent:
		out.publish("execute_result", wire.ExecuteResult{
			ExecutionCount: n, Data: res.Data, Metadata: orEmpty(res.Metadata),
		})
		if s, ok := res.Data["text/plain"].(string); ok {
			output = &s
		}
	default:
		out.flush()
	}
	if store {
		k.history.add(n, c.Code, output)
	}
	if res.Error != nil {
		if c.StopOnError {
			// ipykernel's rule: execute requests that arrived before this
			// reply is sent are aborted without running.
			k.abortTo = k.received.Load()
		}
		k.replyExecuteError(m, n, res.Error)
		return
	}
	payload := res.Payload
	if payload == nil {
		payload = []map[string]any{}
	}
	k.reply(k.shell, m, "execute_reply", wire.ExecuteReply{
		Status: "ok", ExecutionCount: n, Payload: payload, UserExpressions: map[string]any{},
	})
}

func (k *Kernel) replyExecuteError(m wire.Message, n int, e *engine.Error) {
	ec := errorContent(e)
	k.reply(k.shell, m, "execute_reply", wire.ExecuteReply{
		Status: "error", ExecutionCount: n,
		Payload: []map[string]any{}, UserExpressions: map[string]any{},
		Ename: ec.Ename, Evalue: ec.Evalue, Traceback: ec.Traceback,
	})
}

// runCell waits for the engine and runs the cell; an engine that failed to
// start or panics becomes an error result instead of a dead kernel.
func (k *Kernel) runCell(req engine.Request, out *cellOutput) (res engine.Result) {
	eng, err := k.waitEngine()
	if err != nil {
		return engine.Result{Error: &engine.Error{
			Name: "KernelError", Value: err.Error(),
			Traceback: []string{"KernelError: the Go engine did not start: " + err.Error()},
		}}
	}
	defer func() {
		if r := recover(); r != nil {
			k.log.Printf("engine panicked: %v\n%s", r, debug.Stack())
			res = engine.Result{Error: &engine.Error{
				Name: "KernelError", Value: fmt.Sprint(r),
				Traceback: []string{fmt.Sprintf("KernelError: the engine panicked: %v", r)},
			}}
		}
	}()
	return eng.Execute(req, out)
}

func errorContent(e *engine.Error) wire.Error {
	tb := e.Traceback
	if tb == nil {
		tb = []string{strings.TrimSpace(e.Name + ": " + e.Value)}
	}
	return wire.Error{Ename: e.Name, Evalue: e.Value, Traceback: tb}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}
