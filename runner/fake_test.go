package runner

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"gokernel/engine"
	"gokernel/kernel"
	"gokernel/kernel/wire"
)

// fakeEngine runs a tiny command language, one command per line, so the
// tests can make the real kernel server send every kind of message:
//
//	print TEXT | eprint TEXT | result TEXT | fail | png
//	display ID TEXT | update ID TEXT | clear | clearwait
//	input PROMPT | sleep | later TEXT | exit
type fakeEngine struct {
	mu        sync.Mutex
	interrupt chan struct{}
}

func newFakeEngine() *fakeEngine { return &fakeEngine{interrupt: make(chan struct{})} }

func (f *fakeEngine) Execute(req engine.Request, out engine.Output) engine.Result {
	var res engine.Result
	for _, line := range strings.Split(req.Code, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimLeft(line, " \t"), " ")
		switch cmd {
		case "print":
			out.Stream("stdout", arg+"\n")
		case "eprint":
			out.Stream("stderr", arg+"\n")
		case "result":
			res.Data = map[string]any{"text/plain": arg}
		case "fail":
			return engine.Result{Error: &engine.Error{Name: "panic", Value: "boom",
				Traceback: []string{"\x1b[31mpanic: boom\x1b[0m", "cell line 1"}}}
		case "png":
			out.Display(engine.DisplayData{Data: map[string]any{
				"image/png":  base64.StdEncoding.EncodeToString(make([]byte, 3000)),
				"text/plain": "<image>"}})
		case "display", "update":
			id, text, _ := strings.Cut(arg, " ")
			out.Display(engine.DisplayData{Data: map[string]any{"text/plain": text},
				DisplayID: id, Update: cmd == "update"})
		case "clear", "clearwait":
			out.ClearOutput(cmd == "clearwait")
		case "input":
			v, err := out.Input(arg, false)
			if err != nil {
				return engine.Result{Error: &engine.Error{Name: "NoStdin", Value: err.Error()}}
			}
			out.Stream("stdout", "got "+v+"\n")
		case "sleep":
			f.mu.Lock()
			ch := f.interrupt
			f.mu.Unlock()
			<-ch
			return engine.Result{Error: &engine.Error{Name: "Interrupted", Value: "interrupted"}}
		case "later":
			go func() {
				time.Sleep(50 * time.Millisecond)
				out.Stream("stdout", arg+"\n")
			}()
		case "exit":
			os.Exit(3)
		}
	}
	return res
}

func (f *fakeEngine) Interrupt() {
	f.mu.Lock()
	defer f.mu.Unlock()
	close(f.interrupt)
	f.interrupt = make(chan struct{})
}

func (f *fakeEngine) Complete(code string, cursor int) engine.Completion {
	return engine.Completion{CursorStart: cursor, CursorEnd: cursor}
}

func (f *fakeEngine) Inspect(code string, cursor, detail int) engine.Inspection {
	return engine.Inspection{}
}

func (f *fakeEngine) IsComplete(code string) engine.Completeness {
	return engine.Completeness{Status: "complete"}
}

func fakeConfig(ci wire.ConnectionInfo, logs io.Writer) kernel.Config {
	return kernel.Config{
		Conn:      ci,
		NewEngine: func() (kernel.Engine, error) { return newFakeEngine(), nil },
		Logger:    log.New(logs, "fake kernel: ", 0),
	}
}

// startInProcess serves a fake kernel in this process and connects to it.
func startInProcess(t *testing.T) *Client {
	t.Helper()
	ci, err := wire.NewConnectionInfo("127.0.0.1", "go")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- kernel.Run(ctx, fakeConfig(ci, io.Discard)) }()

	connectCtx, stop := context.WithTimeout(ctx, 20*time.Second)
	defer stop()
	c, err := Connect(connectCtx, ci)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if _, err := c.WaitReady(connectCtx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Close()
		cancel()
		if err := <-served; err != nil {
			t.Errorf("kernel: %v", err)
		}
	})
	return c
}

// The environment variables that make the test binary a kernel process.
const (
	fakeKernelEnv = "GOKERNEL_RUNNER_FAKE_KERNEL"
	fakeMarkEnv   = "GOKERNEL_RUNNER_FAKE_MARK" // file written after a clean exit
)

func TestMain(m *testing.M) {
	if os.Getenv(fakeKernelEnv) == "1" {
		os.Exit(fakeKernelMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeKernelMain is `kernel --connection-file F` with the fake engine.
func fakeKernelMain(args []string) int {
	fs := flag.NewFlagSet("kernel", flag.ContinueOnError)
	file := fs.String("connection-file", "", "")
	if len(args) == 0 || args[0] != "kernel" || fs.Parse(args[1:]) != nil {
		fmt.Fprintf(os.Stderr, "fake kernel: bad arguments %q\n", args)
		return 2
	}
	ci, err := wire.ReadConnectionFile(*file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := kernel.Run(context.Background(), fakeConfig(ci, os.Stderr)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if mark := os.Getenv(fakeMarkEnv); mark != "" {
		os.WriteFile(mark, []byte(strings.Join(fs.Args(), " ")), 0o644)
	}
	return 0
}
