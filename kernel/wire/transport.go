package wire

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	"github.com/go-zeromq/zmq4/transport"
)

// BufferedTCP is the name of a zmq4 transport that speaks plain TCP (any
// ZeroMQ peer can connect) but buffers its connections. zmq4 reads each
// frame header and body with its own read syscall and writes each frame of
// a ROUTER or DEALER message with two; on this transport a message costs
// about one read and one write.
const BufferedTCP = "tcp+buffered"

var registerOnce sync.Once

// ZMQEndpoint is Endpoint with the buffered transport for tcp: use it to
// Listen or Dial with zmq4.
func (ci ConnectionInfo) ZMQEndpoint(port int) string {
	ep := ci.Endpoint(port)
	if rest, ok := strings.CutPrefix(ep, "tcp://"); ok {
		registerOnce.Do(func() { zmq4.RegisterTransport(BufferedTCP, bufferedTransport{transport.New("tcp")}) })
		return BufferedTCP + "://" + rest
	}
	return ep
}

type bufferedTransport struct{ tcp transport.Transport }

func (t bufferedTransport) Dial(ctx context.Context, d transport.Dialer, addr string) (net.Conn, error) {
	c, err := t.tcp.Dial(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	return newBufferedConn(c), nil
}

func (t bufferedTransport) Listen(ctx context.Context, addr string) (net.Listener, error) {
	l, err := t.tcp.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return bufferedListener{l}, nil
}

func (t bufferedTransport) Addr(ep string) (string, error) { return t.tcp.Addr(ep) }

type bufferedListener struct{ net.Listener }

func (l bufferedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newBufferedConn(c), nil
}

// bufferedConn reads through a bufio.Reader and holds writes until a ZMTP
// unit is complete: the greeting, a command, or the last frame of a
// message. It follows the outgoing ZMTP stream (flags byte, 1- or 8-byte
// size, body) only to find those points; bytes pass unchanged.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader

	mu       sync.Mutex
	buf      []byte
	greeting int    // greeting bytes still to pass
	hdr      []byte // frame header collected so far
	body     uint64 // body bytes still to pass
	last     bool   // the current frame ends a unit
}

// zmtpGreeting is the length of a ZMTP 3 greeting.
const zmtpGreeting = 64

// maxHeld caps what is held back; bigger writes go out at once.
const maxHeld = 64 << 10

func newBufferedConn(c net.Conn) *bufferedConn {
	return &bufferedConn{Conn: c, r: bufio.NewReaderSize(c, 64<<10), greeting: zmtpGreeting}
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (c *bufferedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf = append(c.buf, p...)
	if c.scan(p) || len(c.buf) >= maxHeld {
		if err := c.flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// scan advances the ZMTP state over p and reports whether a unit ended.
func (c *bufferedConn) scan(p []byte) (ended bool) {
	for len(p) > 0 {
		switch {
		case c.greeting > 0:
			n := min(c.greeting, len(p))
			c.greeting -= n
			p = p[n:]
			ended = ended || c.greeting == 0
		case c.body > 0:
			n := min(c.body, uint64(len(p)))
			c.body -= n
			p = p[n:]
			ended = ended || (c.body == 0 && c.last)
		default:
			c.hdr = append(c.hdr, p[0])
			p = p[1:]
			ended = c.header() || ended
		}
	}
	return ended
}

// header parses a complete frame header once all its bytes are in; it
// reports whether an empty frame just ended a unit.
func (c *bufferedConn) header() bool {
	const more, long, command = 0x1, 0x2, 0x4
	flags := c.hdr[0]
	size := 2
	if flags&long != 0 {
		size = 9
	}
	if len(c.hdr) < size {
		return false
	}
	c.body = 0
	for _, b := range c.hdr[1:] {
		c.body = c.body<<8 | uint64(b)
	}
	c.last = flags&more == 0 || flags&command != 0
	c.hdr = c.hdr[:0]
	return c.body == 0 && c.last
}

func (c *bufferedConn) flush() error {
	_, err := c.Conn.Write(c.buf)
	if cap(c.buf) > maxHeld {
		c.buf = nil // do not keep a large message's buffer
	} else {
		c.buf = c.buf[:0]
	}
	return err
}
