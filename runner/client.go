package runner

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

// Client is a front end's connection to a running kernel: DEALER sockets on
// shell, control and stdin, and a SUB socket on iopub subscribed to
// everything. It does not own the kernel process.
type Client struct {
	signer *wire.Signer
	cancel context.CancelFunc

	shell, control, stdin, iopub zmq4.Socket

	// Messages received on each socket, in order. They are closed when
	// the socket's reader stops (Close, or a broken connection).
	Shell, Control, Stdin, IOPub <-chan wire.Message

	sendMu sync.Mutex    // zmq4 sockets are not safe for concurrent Send
	done   chan struct{} // closed by Close: readers stop delivering
	wg     sync.WaitGroup

	closeOnce sync.Once
}

// Connect dials the kernel described by ci. It keeps retrying while the
// kernel has not bound its ports yet, until ctx is done.
func Connect(ctx context.Context, ci wire.ConnectionInfo) (*Client, error) {
	signer, err := ci.Signer()
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	sockCtx, cancel := context.WithCancel(context.Background())
	c := &Client{signer: signer, cancel: cancel, done: make(chan struct{})}
	// A socket keeps dialling until sockCtx ends; stop it when ctx does.
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	id := zmq4.SocketIdentity(wire.NewID())
	opts := []zmq4.Option{zmq4.WithID(id), zmq4.WithDialerRetry(50 * time.Millisecond), zmq4.WithDialerMaxRetries(-1)}
	c.shell = zmq4.NewDealer(sockCtx, opts...)
	c.control = zmq4.NewDealer(sockCtx, opts...)
	c.stdin = zmq4.NewDealer(sockCtx, opts...)
	c.iopub = zmq4.NewSub(sockCtx, opts[1:]...)
	dials := []struct {
		sock zmq4.Socket
		port int
		name string
	}{
		{c.iopub, ci.IOPubPort, "iopub"},
		{c.shell, ci.ShellPort, "shell"},
		{c.control, ci.ControlPort, "control"},
		{c.stdin, ci.StdinPort, "stdin"},
	}
	for _, d := range dials {
		if err := d.sock.Dial(ci.Endpoint(d.port)); err != nil {
			c.Close()
			if ctx.Err() != nil {
				err = context.Cause(ctx)
			}
			return nil, fmt.Errorf("connect %s: %w", d.name, err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		c.Close()
		return nil, fmt.Errorf("subscribe iopub: %w", err)
	}
	c.Shell = c.reader(c.shell)
	c.Control = c.reader(c.control)
	c.Stdin = c.reader(c.stdin)
	c.IOPub = c.reader(c.iopub)
	return c, nil
}

// reader delivers the messages of one socket on a channel. Frames that do
// not decode (bad signature, garbage) are dropped, as Jupyter does.
func (c *Client) reader(sock zmq4.Socket) <-chan wire.Message {
	ch := make(chan wire.Message, 64)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer close(ch)
		for {
			zm, err := sock.Recv()
			if err != nil {
				return
			}
			if zm.Type == zmq4.CmdMsg {
				continue // ZMTP PING/PONG surfaced by zmq4
			}
			msg, err := wire.Decode(zm.Frames, c.signer)
			if err != nil {
				continue
			}
			select {
			case ch <- msg:
			case <-c.done:
				return
			}
		}
	}()
	return ch
}

// Channel names for Send.
const (
	ShellChannel   = "shell"
	ControlChannel = "control"
	StdinChannel   = "stdin"
)

// Send sends a request of msgType on channel and returns its header, which
// replies and iopub messages name as their parent.
func (c *Client) Send(channel, msgType string, parent *wire.Header, content any) (wire.Header, error) {
	msg, err := wire.NewMessage(msgType, parent, content)
	if err != nil {
		return wire.Header{}, err
	}
	var sock zmq4.Socket
	switch channel {
	case ShellChannel:
		sock = c.shell
	case ControlChannel:
		sock = c.control
	case StdinChannel:
		sock = c.stdin
	default:
		return wire.Header{}, fmt.Errorf("send %s: unknown channel %q", msgType, channel)
	}
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	if err := sock.Send(zmq4.NewMsgFrom(wire.Encode(msg, c.signer)...)); err != nil {
		return wire.Header{}, fmt.Errorf("send %s: %w", msgType, err)
	}
	return msg.Header, nil
}

// Close closes the sockets and waits for the readers to stop.
func (c *Client) Close() error {
	c.closeOnce.Do(func() { close(c.done) })
	c.cancel()
	var errs []error
	for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	c.wg.Wait()
	return errors.Join(errs...)
}
