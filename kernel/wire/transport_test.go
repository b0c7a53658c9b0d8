package wire

import (
	"bytes"
	"context"
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// writesConn records each Write that reaches the network.
type writesConn struct {
	net.Conn
	writes [][]byte
}

func (w *writesConn) Write(p []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(p))
	return len(p), nil
}

func frameHeader(flags byte, size int) []byte {
	if size > 255 {
		h := make([]byte, 9)
		h[0] = flags | 0x2
		binary.BigEndian.PutUint64(h[1:], uint64(size))
		return h
	}
	return []byte{flags, byte(size)}
}

func TestBufferedConnFlushPoints(t *testing.T) {
	w := &writesConn{}
	c := &bufferedConn{Conn: w, greeting: zmtpGreeting}
	write := func(p []byte) {
		if _, err := c.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	var all []byte
	step := func(p []byte, wantWrites int) {
		t.Helper()
		write(p)
		all = append(all, p...)
		if len(w.writes) != wantWrites {
			t.Fatalf("after %d bytes: %d network writes, want %d", len(all), len(w.writes), wantWrites)
		}
	}
	step(make([]byte, 10), 0) // a greeting in two parts
	step(make([]byte, 54), 1)
	step(frameHeader(0x4, 5), 1) // a command: flushed after its body
	step([]byte("READY"), 2)
	step(frameHeader(0x1, 3), 2) // a three-frame message, one long
	step([]byte("abc"), 2)
	step(frameHeader(0x1, 300), 2)
	step(bytes.Repeat([]byte("x"), 300), 2)
	step(frameHeader(0x0, 0), 3)                  // an empty last frame ends it at once
	step(append(frameHeader(0x0, 2), "hi"...), 4) // header and body in one write
	if got := bytes.Join(w.writes, nil); !bytes.Equal(got, all) {
		t.Error("bytes changed on the way")
	}
	big := bytes.Repeat([]byte("y"), maxHeld+1)
	step(frameHeader(0x0, len(big)), 4)
	step(big, 5)
}

// A zmq4 DEALER on the buffered transport talks to a plain zmq4 ROUTER and
// the other way round.
func TestBufferedTransportInterop(t *testing.T) {
	ci, err := NewConnectionInfo("127.0.0.1", "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, tc := range []struct{ listen, dial string }{
		{ci.ZMQEndpoint(ci.ShellPort), ci.Endpoint(ci.ShellPort)},
		{ci.Endpoint(ci.ControlPort), ci.ZMQEndpoint(ci.ControlPort)},
	} {
		router := zmq4.NewRouter(ctx)
		dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("d")))
		if err := router.Listen(tc.listen); err != nil {
			t.Fatal(err)
		}
		if err := dealer.Dial(tc.dial); err != nil {
			t.Fatal(err)
		}
		long := bytes.Repeat([]byte("z"), 1000)
		if err := dealer.Send(zmq4.NewMsgFrom([]byte("a"), nil, long)); err != nil {
			t.Fatal(err)
		}
		got := make(chan zmq4.Msg, 1)
		go func() { m, _ := router.Recv(); got <- m }()
		select {
		case m := <-got:
			if len(m.Frames) != 4 || string(m.Frames[0]) != "d" || !bytes.Equal(m.Frames[3], long) {
				t.Fatalf("%s -> %s: router got %d frames", tc.dial, tc.listen, len(m.Frames))
			}
			if err := router.Send(zmq4.NewMsgFrom([]byte("d"), []byte("back"))); err != nil {
				t.Fatal(err)
			}
			if r, err := dealer.Recv(); err != nil || string(r.Frames[0]) != "back" {
				t.Fatalf("dealer got %q, %v", r.Frames, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s -> %s: nothing arrived", tc.dial, tc.listen)
		}
		dealer.Close()
		router.Close()
	}
}
