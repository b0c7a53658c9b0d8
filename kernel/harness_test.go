package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"gokernel/engine"
	"gokernel/kernel/wire"
)

// fakeEngine interprets a tiny command language so tests can drive every
// path of the kernel:
//
//	result:X    execute_result text/plain X
//	error:X     fails with ename "TestError", evalue X
//	slowerror   sleeps 150 ms, then fails
//	lines:N     N Stream calls "line i\n" on stdout
//	late:X      returns, then a goroutine streams X 20 ms later
//	mixed       stream, display, stream, clear, stream
//	block       waits for Interrupt, then fails with "Interrupted"
//	input:P     asks for a line with prompt P and returns it as result
//	panic       panics inside Execute
type fakeEngine struct {
	mu         sync.Mutex
	interrupts chan struct{}
	lastCursor int
	requests   []engine.Request
}

func newFakeEngine() *fakeEngine {
	return &fakeEngine{interrupts: make(chan struct{}, 1)}
}

func (f *fakeEngine) Execute(req engine.Request, out engine.Output) engine.Result {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()
	cmd, arg, _ := strings.Cut(req.Code, ":")
	switch cmd {
	case "result":
		return textResult(arg)
	case "error":
		return engine.Result{Error: &engine.Error{Name: "TestError", Value: arg, Traceback: []string{"tb1", "tb2"}}}
	case "slowerror":
		time.Sleep(150 * time.Millisecond)
		return engine.Result{Error: &engine.Error{Name: "TestError", Value: "slow"}}
	case "lines":
		n, _ := strconv.Atoi(arg)
		for i := range n {
			out.Stream("stdout", "line "+strconv.Itoa(i)+"\n")
		}
	case "late":
		go func() {
			time.Sleep(20 * time.Millisecond)
			out.Stream("stdout", arg)
		}()
	case "mixed":
		out.Stream("stdout", "a")
		out.Display(engine.DisplayData{Data: map[string]any{"text/plain": "d"}, DisplayID: "id1"})
		out.Stream("stdout", "b")
		out.Display(engine.DisplayData{Data: map[string]any{"text/plain": "u"}, DisplayID: "id1", Update: true})
		out.ClearOutput(true)
		out.Stream("stderr", "c")
		out.Stream("stdout", "d")
	case "block":
		<-f.interrupts
		return engine.Result{Error: &engine.Error{Name: "Interrupted", Value: "interrupted"}}
	case "input":
		s, err := out.Input(arg, false)
		if err != nil {
			return engine.Result{Error: &engine.Error{Name: "InputError", Value: err.Error()}}
		}
		return textResult(s)
	case "panic":
		panic("engine bug")
	}
	return engine.Result{}
}

func textResult(s string) engine.Result {
	return engine.Result{Data: map[string]any{"text/plain": s}}
}

// Complete completes the word before the cursor with "Println".
func (f *fakeEngine) Complete(code string, cursor int) engine.Completion {
	f.mu.Lock()
	f.lastCursor = cursor
	f.mu.Unlock()
	start := strings.LastIndexAny(code[:cursor], " .") + 1
	return engine.Completion{Matches: []string{"Println"}, CursorStart: start, CursorEnd: cursor}
}

func (f *fakeEngine) Inspect(code string, cursor, detail int) engine.Inspection {
	return engine.Inspection{Found: true, Data: map[string]any{"text/plain": fmt.Sprintf("%d:%d", cursor, detail)}}
}

func (f *fakeEngine) IsComplete(code string) engine.Completeness {
	if strings.HasSuffix(code, "{") {
		return engine.Completeness{Status: "incomplete", Indent: "\t"}
	}
	return engine.Completeness{Status: "complete"}
}

func (f *fakeEngine) Interrupt() {
	select {
	case f.interrupts <- struct{}{}:
	default:
	}
}

// client is a Jupyter client over real zmq4 sockets on loopback TCP.
type client struct {
	t      testing.TB
	signer *wire.Signer
	key    string
	ctx    context.Context
	cancel context.CancelFunc

	shell, control, stdin, iopub, hb zmq4.Socket
	in                               map[zmq4.Socket]chan zmq4.Msg

	served chan error // Serve's result
	kernel *Kernel
	logs   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const waitLimit = 5 * time.Second

// startKernel runs a kernel with eng (or newEngine's error) and connects a
// client, waiting until iopub delivers as jupyter_client's wait_for_ready.
func startKernel(t testing.TB, eng Engine, engineErr error) *client {
	t.Helper()
	ci, err := wire.NewConnectionInfo("127.0.0.1", "go")
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	k, err := New(Config{
		Conn:      ci,
		NewEngine: func() (Engine, error) { return eng, engineErr },
		Logger:    log.New(logs, "", 0),
		Version:   "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, key: ci.Key, kernel: k, logs: logs, served: make(chan error, 1), in: map[zmq4.Socket]chan zmq4.Msg{}}
	c.signer, _ = ci.Signer()
	go func() { c.served <- k.Serve(context.Background()) }()
	c.ctx, c.cancel = context.WithCancel(context.Background())
	id := zmq4.WithID(zmq4.SocketIdentity("client-" + wire.NewID()))
	quiet := zmq4.WithLogger(log.New(io.Discard, "", 0))
	// Shell and iopub use the buffered transport, the others plain zmq4
	// TCP: the kernel must serve both.
	c.shell = c.dial(zmq4.NewDealer(c.ctx, id, quiet), ci.ZMQEndpoint(ci.ShellPort))
	c.control = c.dial(zmq4.NewDealer(c.ctx, quiet), ci.Endpoint(ci.ControlPort))
	c.stdin = c.dial(zmq4.NewDealer(c.ctx, id, quiet), ci.Endpoint(ci.StdinPort))
	c.iopub = c.dial(zmq4.NewSub(c.ctx, quiet), ci.ZMQEndpoint(ci.IOPubPort))
	c.hb = c.dial(zmq4.NewReq(c.ctx, quiet), ci.Endpoint(ci.HBPort))
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	c.waitReady()
	return c
}

func (c *client) dial(s zmq4.Socket, ep string) zmq4.Socket {
	if err := s.Dial(ep); err != nil {
		c.t.Fatal(err)
	}
	ch := make(chan zmq4.Msg, 1024)
	c.in[s] = ch
	go func() {
		for {
			m, err := s.Recv()
			if err != nil {
				if c.ctx.Err() != nil {
					return
				}
				// A REQ socket fails at once when nothing was sent.
				time.Sleep(time.Millisecond)
				continue
			}
			ch <- m
		}
	}()
	return s
}

func (c *client) close() {
	c.cancel()
	for s := range c.in {
		s.Close()
	}
	c.kernel.stop()
	select {
	case <-c.served:
	case <-time.After(waitLimit):
		c.t.Error("Serve did not return")
	}
}

// waitReady sends kernel_info until its idle shows up on iopub.
func (c *client) waitReady() {
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		req := c.send(c.shell, "kernel_info_request", nil)
		c.reply(c.shell, req)
		if _, ok := c.tryIOPub(req, 200*time.Millisecond); ok {
			return
		}
	}
	c.t.Fatal("iopub never delivered")
}

// tryIOPub collects the iopub messages of req up to its idle status.
func (c *client) tryIOPub(req wire.Message, limit time.Duration) ([]wire.Message, bool) {
	var msgs []wire.Message
	timeout := time.After(limit)
	for {
		select {
		case zm := <-c.in[c.iopub]:
			m, err := wire.Decode(zm.Frames, c.signer)
			if err != nil {
				c.t.Fatalf("iopub: %v", err)
			}
			if m.ParentHeader.MsgID != req.Header.MsgID {
				continue
			}
			msgs = append(msgs, m)
			if m.Header.MsgType == "status" && strings.Contains(string(m.Content), `"idle"`) {
				return msgs, true
			}
		case <-timeout:
			return msgs, false
		}
	}
}

func (c *client) iopubFor(req wire.Message) []wire.Message {
	c.t.Helper()
	msgs, ok := c.tryIOPub(req, waitLimit)
	if !ok {
		c.t.Fatalf("no idle for %s; got %s", req.Header.MsgType, types(msgs))
	}
	return msgs
}

func (c *client) send(s zmq4.Socket, msgType string, content any) wire.Message {
	c.t.Helper()
	m, err := wire.NewMessage(msgType, nil, content)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendMsg(s, m)
	return m
}

func (c *client) sendMsg(s zmq4.Socket, m wire.Message) {
	c.t.Helper()
	if err := s.Send(zmq4.NewMsgFrom(wire.Encode(m, c.signer)...)); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) recv(s zmq4.Socket, limit time.Duration) (wire.Message, bool) {
	c.t.Helper()
	select {
	case zm := <-c.in[s]:
		m, err := wire.Decode(zm.Frames, c.signer)
		if err != nil {
			c.t.Fatalf("decode: %v", err)
		}
		return m, true
	case <-time.After(limit):
		return wire.Message{}, false
	}
}

// reply waits for the reply to req on s.
func (c *client) reply(s zmq4.Socket, req wire.Message) wire.Message {
	c.t.Helper()
	m, ok := c.recv(s, waitLimit)
	if !ok {
		c.t.Fatalf("no reply to %s", req.Header.MsgType)
	}
	if m.ParentHeader.MsgID != req.Header.MsgID {
		c.t.Fatalf("reply %s is to %s, not to %s", m.Header.MsgType, m.ParentHeader.MsgID, req.Header.MsgID)
	}
	return m
}

// execute sends code and returns the reply and the iopub messages.
func (c *client) execute(req wire.ExecuteRequest) (wire.ExecuteReply, []wire.Message) {
	c.t.Helper()
	m := c.send(c.shell, "execute_request", req)
	var rep wire.ExecuteReply
	r := c.reply(c.shell, m)
	if r.Header.MsgType != "execute_reply" {
		c.t.Fatalf("reply type %s", r.Header.MsgType)
	}
	if err := r.Unmarshal(&rep); err != nil {
		c.t.Fatal(err)
	}
	return rep, c.iopubFor(m)
}

func types(msgs []wire.Message) string {
	var s []string
	for _, m := range msgs {
		t := m.Header.MsgType
		if t == "status" {
			var st wire.Status
			json.Unmarshal(m.Content, &st)
			t = st.ExecutionState
		}
		s = append(s, t)
	}
	return strings.Join(s, ",")
}

func content[T any](t *testing.T, m wire.Message) T {
	t.Helper()
	var v T
	if err := m.Unmarshal(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

var errNoEngine = errors.New("no engine here")
