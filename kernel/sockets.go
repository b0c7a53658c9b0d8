package kernel

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

// bind creates and binds the five sockets. Bound sockets never get
// WithAutomaticReconnect: zmq4 would make them dial their own address.
func (k *Kernel) bind() error {
	opts := []zmq4.Option{zmq4.WithLogger(k.log)}
	c := k.cfg.Conn
	k.shell = zmq4.NewRouter(k.ctx, opts...)
	k.control = zmq4.NewRouter(k.ctx, opts...)
	k.stdin = zmq4.NewRouter(k.ctx, opts...)
	k.iopub = zmq4.NewPub(k.ctx, opts...)
	k.hb = zmq4.NewRep(k.ctx, opts...)
	for _, s := range []struct {
		name string
		sock zmq4.Socket
		port int
	}{
		{"shell", k.shell, c.ShellPort},
		{"control", k.control, c.ControlPort},
		{"stdin", k.stdin, c.StdinPort},
		{"iopub", k.iopub, c.IOPubPort},
		{"heartbeat", k.hb, c.HBPort},
	} {
		if err := s.sock.Listen(c.ZMQEndpoint(s.port)); err != nil {
			return fmt.Errorf("kernel: bind %s: %w", s.name, err)
		}
	}
	return nil
}

func (k *Kernel) closeSockets() {
	for _, s := range []zmq4.Socket{k.shell, k.control, k.stdin, k.iopub, k.hb} {
		if s != nil {
			s.Close()
		}
	}
}

// errStopped is returned by recv once the kernel is shutting down.
var errStopped = errors.New("kernel stopped")

// recv returns the next valid message from a ROUTER socket. ZMTP commands
// (zmq4 hands PINGs to Recv), undecodable messages and bad signatures are
// logged and skipped.
func (k *Kernel) recv(sock zmq4.Socket, name string) (wire.Message, error) {
	for {
		zm, err := sock.Recv()
		if k.ctx.Err() != nil {
			return wire.Message{}, errStopped
		}
		if err != nil {
			k.log.Printf("%s: receive: %v", name, err)
			time.Sleep(time.Millisecond) // never spin on a persistent error
			continue
		}
		if zm.Type == zmq4.CmdMsg {
			continue
		}
		m, err := wire.Decode(zm.Frames, k.signer)
		if err != nil {
			k.log.Printf("%s: dropped message: %v", name, err)
			continue
		}
		return m, nil
	}
}

// send writes msg to a ROUTER socket; msg.Identities address the peer.
func (k *Kernel) send(sock zmq4.Socket, msg wire.Message) {
	frames := wire.Encode(msg, k.signer)
	if err := sock.Send(zmq4.NewMsgFrom(frames...)); err != nil && k.ctx.Err() == nil {
		k.log.Printf("send %s: %v", msg.Header.MsgType, err)
	}
}

// reply answers req on sock with content.
func (k *Kernel) reply(sock zmq4.Socket, req wire.Message, msgType string, content any) {
	m, err := wire.NewMessage(msgType, &req.Header, content)
	if err != nil {
		k.log.Print(err)
		return
	}
	m.Identities = req.Identities
	k.send(sock, m)
}

// publish sends a message on iopub. SendMulti makes zmq4 write all frames
// with one writev.
func (k *Kernel) publish(parent *wire.Header, msgType string, content any) error {
	m, err := wire.NewMessage(msgType, parent, content)
	if err != nil {
		k.log.Print(err)
		return err
	}
	frames := wire.Encode(m, k.signer)
	if err := k.iopub.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		k.log.Printf("publish %s: %v", msgType, err)
		return err
	}
	return nil
}

func (k *Kernel) status(parent *wire.Header, state string) {
	k.publish(parent, "status", wire.Status{ExecutionState: state})
}

// heartbeat echoes every ping back.
func (k *Kernel) heartbeat() {
	for {
		m, err := k.hb.Recv()
		if k.ctx.Err() != nil {
			return
		}
		if err != nil || m.Type == zmq4.CmdMsg {
			continue // zmq4 REP reports PINGs as malformed requests
		}
		if err := k.hb.Send(m); err != nil && k.ctx.Err() == nil {
			k.log.Printf("heartbeat: %v", err)
		}
	}
}
