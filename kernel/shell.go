package kernel

import (
	"encoding/json"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

// inbound is a shell message and its place in the order of arrival.
type inbound struct {
	msg wire.Message
	seq uint64
}

// readShell queues shell messages for serveShell, numbering them so a
// failed cell can abort exactly the requests that arrived before its reply.
func (k *Kernel) readShell(out chan<- inbound) {
	defer close(out)
	for {
		m, err := k.recv(k.shell, "shell")
		if err != nil {
			return
		}
		seq := k.received.Add(1)
		select {
		case out <- inbound{m, seq}:
		case <-k.ctx.Done():
			return
		}
	}
}

// serveShell handles shell requests one at a time, each between a busy and
// an idle status.
func (k *Kernel) serveShell(in <-chan inbound) {
	for req := range in {
		k.status(&req.msg.Header, "busy")
		k.handleShell(req)
		k.status(&req.msg.Header, "idle")
		if req.msg.Header.MsgType == "shutdown_request" {
			k.stop()
		}
	}
}

func (k *Kernel) handleShell(req inbound) {
	m := req.msg
	switch m.Header.MsgType {
	case "execute_request":
		if req.seq <= k.abortTo {
			k.reply(k.shell, m, "execute_reply", wire.StatusReply{Status: "aborted"})
			return
		}
		k.execute(m)
	case "kernel_info_request":
		k.reply(k.shell, m, "kernel_info_reply", json.RawMessage(k.info))
	case "complete_request":
		k.complete(m)
	case "inspect_request":
		k.inspect(m)
	case "is_complete_request":
		k.isComplete(m)
	case "history_request":
		k.historyRequest(m)
	case "comm_info_request":
		k.reply(k.shell, m, "comm_info_reply", wire.CommInfoReply{Status: "ok", Comms: map[string]any{}})
	case "shutdown_request":
		k.shutdown(k.shell, m)
	case "interrupt_request":
		k.Interrupt()
		k.reply(k.shell, m, "interrupt_reply", wire.StatusReply{Status: "ok"})
	case "comm_open", "comm_msg", "comm_close":
		k.log.Printf("shell: %s ignored: no comm targets", m.Header.MsgType)
	default:
		k.log.Printf("shell: unknown message type %q dropped", m.Header.MsgType)
	}
}

// serveControl answers control requests; it runs beside the shell so an
// interrupt or shutdown gets through while a cell runs.
func (k *Kernel) serveControl() {
	for {
		m, err := k.recv(k.control, "control")
		if err != nil {
			return
		}
		k.status(&m.Header, "busy")
		switch m.Header.MsgType {
		case "kernel_info_request":
			k.reply(k.control, m, "kernel_info_reply", json.RawMessage(k.info))
		case "interrupt_request":
			k.Interrupt()
			k.reply(k.control, m, "interrupt_reply", wire.StatusReply{Status: "ok"})
		case "shutdown_request":
			k.shutdown(k.control, m)
		default:
			k.log.Printf("control: unknown message type %q dropped", m.Header.MsgType)
		}
		k.status(&m.Header, "idle")
		if m.Header.MsgType == "shutdown_request" {
			k.stop()
		}
	}
}

// shutdown replies; the loop that called it stops the kernel after the
// request's idle status.
func (k *Kernel) shutdown(sock zmq4.Socket, m wire.Message) {
	var c wire.ShutdownRequest
	if err := m.Unmarshal(&c); err != nil {
		k.log.Print(err)
	}
	k.reply(sock, m, "shutdown_reply", wire.ShutdownReply{Status: "ok", Restart: c.Restart})
	k.stop()
}
