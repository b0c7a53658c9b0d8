// Package kernel speaks the Jupyter messaging protocol (5.3) over the five
// ZeroMQ sockets and hands cells to an Engine. It knows nothing about how
// code runs.
package kernel

import (
	"context"
	"fmt"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

// Config says where to listen and how to build the engine.
type Config struct {
	Conn wire.ConnectionInfo
	// NewEngine builds the engine. It runs in the background from the
	// start so kernel_info replies go out before it finishes.
	NewEngine func() (Engine, error)
	// Logger receives protocol problems (bad signatures, unknown
	// messages); nil logs to stderr.
	Logger *log.Logger
	// Implementation and Version go into kernel_info_reply
	// (implementation defaults to "gokernel").
	Implementation string
	Version        string
	Banner         string
	// HelpLinks defaults to the Go documentation, pkg.go.dev and the tour.
	HelpLinks []wire.HelpLink
}

// Kernel is a running kernel: its sockets, its engine and the state the
// protocol keeps between requests.
type Kernel struct {
	cfg    Config
	log    *log.Logger
	signer *wire.Signer
	info   []byte // kernel_info_reply content, encoded once

	shell, control, stdin, iopub, hb zmq4.Socket

	ctx    context.Context // cancelled when the kernel stops
	cancel context.CancelFunc
	quit   chan struct{} // closed by shutdown_request
	once   sync.Once

	engineReady chan struct{}
	engine      Engine
	engineErr   error

	// Shell state, touched only by the shell goroutine.
	count    int // execution count of the last stored cell
	history  history
	received atomic.Uint64 // shell messages read so far
	abortTo  uint64        // execute requests read up to here are aborted

	inputMu      sync.Mutex
	inputReplies chan wire.Message

	intMu sync.Mutex
	intCh chan struct{} // closed and replaced by each interrupt
}

// Run starts a kernel and serves it until a shutdown_request or until ctx
// is cancelled.
func Run(ctx context.Context, cfg Config) error {
	k, err := New(cfg)
	if err != nil {
		return err
	}
	return k.Serve(ctx)
}

// New starts building the engine and binds the five sockets. Call Serve to
// answer requests.
func New(cfg Config) (*Kernel, error) {
	if cfg.NewEngine == nil {
		return nil, fmt.Errorf("kernel: Config.NewEngine is nil")
	}
	signer, err := cfg.Conn.Signer()
	if err != nil {
		return nil, fmt.Errorf("kernel: %w", err)
	}
	k := &Kernel{
		cfg:          cfg,
		log:          cfg.Logger,
		signer:       signer,
		quit:         make(chan struct{}),
		engineReady:  make(chan struct{}),
		inputReplies: make(chan wire.Message, 1),
		intCh:        make(chan struct{}),
	}
	if k.log == nil {
		k.log = log.New(os.Stderr, "gokernel: ", log.LstdFlags)
	}
	go k.buildEngine()
	k.info = k.kernelInfo()
	k.ctx, k.cancel = context.WithCancel(context.Background())
	if err := k.bind(); err != nil {
		k.closeSockets()
		return nil, err
	}
	return k, nil
}

func (k *Kernel) buildEngine() {
	defer close(k.engineReady)
	defer func() {
		if r := recover(); r != nil {
			k.engineErr = fmt.Errorf("engine start panicked: %v", r)
		}
	}()
	k.engine, k.engineErr = k.cfg.NewEngine()
	if k.engineErr == nil && k.engine == nil {
		k.engineErr = fmt.Errorf("engine start returned no engine")
	}
}

// waitEngine blocks until the engine is built.
func (k *Kernel) waitEngine() (Engine, error) {
	<-k.engineReady
	return k.engine, k.engineErr
}

// Serve answers requests until a shutdown_request arrives or ctx is
// cancelled, then flushes iopub and closes the sockets.
func (k *Kernel) Serve(ctx context.Context) error {
	k.publish(nil, "status", wire.Status{ExecutionState: "starting"})
	shellIn := make(chan inbound, 256)
	// The loops end when the sockets close; a cell still running in the
	// engine is left to the process exit.
	go k.readShell(shellIn)
	go k.serveShell(shellIn)
	go k.serveControl()
	go k.readStdin()
	go k.heartbeat()
	select {
	case <-ctx.Done():
	case <-k.quit:
	}
	k.flushIOPub()
	k.cancel()
	k.closeSockets()
	return nil
}

// stop makes Serve return; safe to call more than once.
func (k *Kernel) stop() {
	k.once.Do(func() { close(k.quit) })
}

// Interrupt interrupts the running cell, as an interrupt_request does: it
// aborts a pending input request and calls the engine's Interrupt. main
// calls it on SIGINT.
func (k *Kernel) Interrupt() {
	k.intMu.Lock()
	close(k.intCh)
	k.intCh = make(chan struct{})
	k.intMu.Unlock()
	select {
	case <-k.engineReady:
		if k.engine != nil {
			k.engine.Interrupt()
		}
	default: // nothing runs before the engine exists
	}
}

// interrupted returns a channel closed by the next Interrupt.
func (k *Kernel) interrupted() <-chan struct{} {
	k.intMu.Lock()
	defer k.intMu.Unlock()
	return k.intCh
}

// flushDelay is how long Serve waits before closing the sockets: zmq4's PUB
// Send only queues a message for a writer goroutine and gives no way to
// know when it has been written, so without the pause the final idle and
// shutdown messages are lost. Local writes take microseconds; 50 ms leaves
// ample room on a loaded machine.
const flushDelay = 50 * time.Millisecond

func (k *Kernel) flushIOPub() { time.Sleep(flushDelay) }
