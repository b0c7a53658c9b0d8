package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gokernel/kernel/wire"
)

// ErrClosed is returned when a socket's connection ends while a reply is
// awaited.
var ErrClosed = errors.New("connection to the kernel closed")

// WaitReady sends kernel_info_request until a reply arrives on shell and
// iopub has delivered a message too, as jupyter_client's wait_for_ready
// does: a SUB socket misses everything published before its subscription
// reached the kernel, so a reply alone does not prove iopub works.
func (c *Client) WaitReady(ctx context.Context) (wire.KernelInfoReply, error) {
	var info wire.KernelInfoReply
	for {
		hdr, err := c.Send(ShellChannel, "kernel_info_request", nil, nil)
		if err != nil {
			return info, err
		}
		reply, iopubSeen, err := c.awaitKernelInfo(ctx, hdr.MsgID)
		if err != nil {
			return info, err
		}
		if reply == nil {
			continue // no reply within a second: ask again
		}
		if !iopubSeen {
			iopubSeen, err = c.iopubWithin(ctx, 200*time.Millisecond)
			if err != nil {
				return info, err
			}
		}
		if iopubSeen {
			return info, reply.Unmarshal(&info)
		}
	}
}

func (c *Client) awaitKernelInfo(ctx context.Context, id string) (*wire.Message, bool, error) {
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
	iopubSeen := false
	for {
		select {
		case m, ok := <-c.Shell:
			if !ok {
				return nil, iopubSeen, ErrClosed
			}
			if m.ParentHeader.MsgID == id {
				return &m, iopubSeen, nil
			}
		case _, ok := <-c.IOPub:
			if !ok {
				return nil, iopubSeen, ErrClosed
			}
			iopubSeen = true
		case <-timer.C:
			return nil, iopubSeen, nil
		case <-ctx.Done():
			return nil, iopubSeen, context.Cause(ctx)
		}
	}
}

func (c *Client) iopubWithin(ctx context.Context, d time.Duration) (bool, error) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case _, ok := <-c.IOPub:
		if !ok {
			return false, ErrClosed
		}
		return true, nil
	case <-timer.C:
		return false, nil
	case <-ctx.Done():
		return false, context.Cause(ctx)
	}
}

// Handlers receive what a running execute_request produces.
type Handlers struct {
	// IOPub gets every iopub message that arrives while waiting, whatever
	// its parent: output of goroutines started by earlier cells included.
	IOPub func(wire.Message)
	// Input answers an input_request. Nil answers with an empty line.
	Input func(prompt string, password bool) string
}

// StartExecute sends an execute_request for code. Outputs and the reply
// name the returned header as their parent; pass it to Await.
func (c *Client) StartExecute(req wire.ExecuteRequest) (wire.Header, error) {
	return c.Send(ShellChannel, "execute_request", nil, req)
}

// Await waits until the request has both its execute_reply and its
// status idle on iopub: only then has every output of the request arrived.
func (c *Client) Await(ctx context.Context, req wire.Header, h Handlers) (wire.ExecuteReply, error) {
	var reply wire.ExecuteReply
	gotReply, gotIdle := false, false
	for !gotReply || !gotIdle {
		select {
		case m, ok := <-c.Shell:
			if !ok {
				return reply, ErrClosed
			}
			if m.ParentHeader.MsgID == req.MsgID && m.Header.MsgType == "execute_reply" {
				if err := m.Unmarshal(&reply); err != nil {
					return reply, err
				}
				gotReply = true
			}
		case m, ok := <-c.IOPub:
			if !ok {
				return reply, ErrClosed
			}
			if m.ParentHeader.MsgID == req.MsgID && isIdle(m) {
				gotIdle = true
			}
			if h.IOPub != nil {
				h.IOPub(m)
			}
		case m, ok := <-c.Stdin:
			if !ok {
				return reply, ErrClosed
			}
			if err := c.answerInput(m, h.Input); err != nil {
				return reply, err
			}
		case <-ctx.Done():
			return reply, context.Cause(ctx)
		}
	}
	return reply, nil
}

func isIdle(m wire.Message) bool {
	if m.Header.MsgType != "status" {
		return false
	}
	var st wire.Status
	return m.Unmarshal(&st) == nil && st.ExecutionState == "idle"
}

func (c *Client) answerInput(m wire.Message, input func(string, bool) string) error {
	if m.Header.MsgType != "input_request" {
		return nil
	}
	var req wire.InputRequest
	if err := m.Unmarshal(&req); err != nil {
		return err
	}
	value := ""
	if input != nil {
		value = input(req.Prompt, req.Password)
	}
	_, err := c.Send(StdinChannel, "input_reply", &m.Header, wire.InputReply{Value: value})
	return err
}

// Interrupt sends interrupt_request on control and waits for its reply.
func (c *Client) Interrupt(ctx context.Context) error {
	return c.request(ctx, "interrupt_request", nil)
}

// Shutdown sends shutdown_request on control and waits for its reply.
func (c *Client) Shutdown(ctx context.Context) error {
	return c.request(ctx, "shutdown_request", wire.ShutdownRequest{Restart: false})
}

// request sends a control request and waits for the reply to it.
func (c *Client) request(ctx context.Context, msgType string, content any) error {
	hdr, err := c.Send(ControlChannel, msgType, nil, content)
	if err != nil {
		return err
	}
	for {
		select {
		case m, ok := <-c.Control:
			if !ok {
				return ErrClosed
			}
			if m.ParentHeader.MsgID == hdr.MsgID {
				return nil
			}
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", msgType, context.Cause(ctx))
		}
	}
}
