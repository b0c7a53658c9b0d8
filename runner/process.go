package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"gokernel/kernel/wire"
)

// Kernel is a kernel child process with a client connected to it.
type Kernel struct {
	*Client
	// Info is the kernel_info_reply the kernel answered at start.
	Info wire.KernelInfoReply

	cmd     *exec.Cmd
	dir     string        // holds the connection file
	exited  chan struct{} // closed when the process has exited
	waitErr error         // the process's exit status, once exited
	// died is cancelled with the exit status when the process exits.
	died context.Context
}

// ErrKernelExited is the cause of failures that happen because the kernel
// process exited.
var ErrKernelExited = errors.New("kernel exited")

// StartKernel starts the kernel process on a fresh connection file with free
// loopback ports and a random key, connects to it and waits until it
// answers kernel_info with iopub working. The process runs
// `COMMAND... --connection-file FILE KERNELARGS...`; the kernel's own stdout
// and stderr go to logs.
func StartKernel(ctx context.Context, command, kernelArgs []string, logs io.Writer) (*Kernel, error) {
	if len(command) == 0 {
		return nil, fmt.Errorf("start kernel: no command")
	}
	ci, err := wire.NewConnectionInfo("127.0.0.1", "go")
	if err != nil {
		return nil, fmt.Errorf("start kernel: %w", err)
	}
	dir, err := os.MkdirTemp("", "gokernel-run-")
	if err != nil {
		return nil, fmt.Errorf("start kernel: %w", err)
	}
	file := filepath.Join(dir, "kernel.json")
	if err := ci.WriteFile(file); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start kernel: %w", err)
	}
	args := append(append(append([]string{}, command[1:]...), "--connection-file", file), kernelArgs...)
	k := &Kernel{cmd: exec.Command(command[0], args...), dir: dir, exited: make(chan struct{})}
	k.cmd.Stdout, k.cmd.Stderr = logs, logs
	ownProcessGroup(k.cmd)
	if err := k.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start kernel: %w", err)
	}
	died, cancel := context.WithCancelCause(context.Background())
	k.died = died
	go func() {
		k.waitErr = k.cmd.Wait()
		cancel(fmt.Errorf("%w: %v", ErrKernelExited, describeExit(k.waitErr)))
		close(k.exited)
	}()
	if err := k.connect(ctx, ci); err != nil {
		k.kill()
		return nil, fmt.Errorf("start kernel: %w", err)
	}
	return k, nil
}

func describeExit(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

func (k *Kernel) connect(ctx context.Context, ci wire.ConnectionInfo) error {
	ctx, cancel := k.WithDeath(ctx)
	defer cancel()
	c, err := Connect(ctx, ci)
	if err != nil {
		return err
	}
	k.Client = c
	if k.Info, err = c.WaitReady(ctx); err != nil {
		return fmt.Errorf("wait for kernel_info_reply: %w", err)
	}
	return nil
}

// WithDeath returns a context that is also cancelled, with ErrKernelExited
// as its cause, when the kernel process exits.
func (k *Kernel) WithDeath(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(k.died, func() { cancel(context.Cause(k.died)) })
	return ctx, func() { stop(); cancel(context.Canceled) }
}

// Exited is closed when the kernel process has exited.
func (k *Kernel) Exited() <-chan struct{} { return k.exited }

// Shutdown asks the kernel to shut down, waits up to grace for it to exit,
// then kills it. It always closes the client and removes the connection
// file.
func (k *Kernel) Shutdown(grace time.Duration) error {
	defer os.RemoveAll(k.dir)
	var err error
	if k.Client != nil {
		select {
		case <-k.exited:
		default:
			ctx, cancel := context.WithTimeout(context.Background(), grace)
			ctx, stop := k.WithDeath(ctx)
			err = k.Client.Shutdown(ctx)
			stop()
			cancel()
		}
		k.Client.Close()
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-k.exited:
		return nil
	case <-timer.C:
		k.kill()
		if err == nil {
			err = fmt.Errorf("kernel did not exit within %v of shutdown_request: killed", grace)
		}
		return err
	}
}

// kill kills the kernel (and its process group) and waits for it.
func (k *Kernel) kill() {
	if k.Client != nil {
		k.Client.Close()
	}
	select {
	case <-k.exited: // its pid may already belong to another process
	default:
		killGroup(k.cmd)
		<-k.exited
	}
	os.RemoveAll(k.dir)
}
