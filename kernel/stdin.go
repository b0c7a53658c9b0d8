package kernel

import (
	"errors"
	"fmt"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

// ErrInputInterrupted is returned by Output.Input when the kernel is
// interrupted or shut down while waiting for the reply.
var ErrInputInterrupted = errors.New("input interrupted")

// readStdin hands input_reply messages to the waiting input call.
func (k *Kernel) readStdin() {
	for {
		m, err := k.recv(k.stdin, "stdin")
		if err != nil {
			return
		}
		if m.Header.MsgType != "input_reply" {
			k.log.Printf("stdin: unexpected %q dropped", m.Header.MsgType)
			continue
		}
		select {
		case k.inputReplies <- m:
		default:
			k.log.Printf("stdin: input_reply with no pending request dropped")
		}
	}
}

// input sends input_request to the client that sent the cell (jupyter
// clients use one identity on shell and stdin) and waits for its reply.
// Calls from several goroutines take turns.
func (k *Kernel) input(o *cellOutput, prompt string, password bool) (string, error) {
	k.inputMu.Lock()
	defer k.inputMu.Unlock()
	for len(k.inputReplies) > 0 { // a late reply to an interrupted request
		<-k.inputReplies
	}
	m, err := wire.NewMessage("input_request", &o.parent, wire.InputRequest{Prompt: prompt, Password: password})
	if err != nil {
		return "", err
	}
	m.Identities = o.idents
	interrupted := k.interrupted()
	frames := wire.Encode(m, k.signer)
	sent := make(chan error, 1)
	// zmq4 blocks a ROUTER Send until a peer is connected: send aside so
	// an interrupt still gets through.
	go func() { sent <- k.stdin.Send(zmq4.NewMsgFrom(frames...)) }()
	for {
		select {
		case err := <-sent:
			if err != nil {
				return "", fmt.Errorf("send input_request: %w", err)
			}
		case r := <-k.inputReplies:
			// jupyter_client sends input_reply with an empty parent, so
			// only a reply that names another request is stale.
			if id := r.ParentHeader.MsgID; id != "" && id != m.Header.MsgID {
				k.log.Printf("stdin: input_reply to another request dropped")
				continue
			}
			var c wire.InputReply
			if err := r.Unmarshal(&c); err != nil {
				return "", err
			}
			return c.Value, nil
		case <-interrupted:
			return "", ErrInputInterrupted
		case <-k.ctx.Done():
			return "", ErrInputInterrupted
		}
	}
}
