package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gokernel/kernel/wire"
	"gokernel/notebook"
)

// Config is how Run starts the kernel, and how it executes the notebook.
type Config struct {
	Options
	// Kernel is the command that starts the kernel; Run appends
	// "--connection-file FILE" and KernelArgs. Default: this program with
	// the argument "kernel".
	Kernel     []string
	KernelArgs []string
	// Logs receives the kernel process's own stdout and stderr; nil means
	// os.Stderr.
	Logs io.Writer
	// StartTimeout limits the wait for the kernel to answer (default 60s).
	StartTimeout time.Duration
	// ShutdownGrace is how long the kernel may take to exit after
	// shutdown_request before it is killed (default 3s).
	ShutdownGrace time.Duration
}

// ErrStart marks errors of starting the kernel.
var ErrStart = errors.New("kernel did not start")

// Run starts a kernel, executes nb on it (see Execute) and shuts the kernel
// down, whatever happened. It sets the notebook's kernelspec and its
// language_info from the kernel's kernel_info_reply.
func Run(ctx context.Context, nb *notebook.Notebook, cfg Config) (Report, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Report{}, fmt.Errorf("%w: %w", ErrStart, err)
	}
	startCtx, cancel := context.WithTimeout(ctx, cfg.StartTimeout)
	k, err := StartKernel(startCtx, cfg.Kernel, cfg.KernelArgs, cfg.Logs)
	cancel()
	if err != nil {
		return Report{}, fmt.Errorf("%w: %w", ErrStart, err)
	}
	defer k.Shutdown(cfg.ShutdownGrace)
	setKernelMetadata(nb, k.Info.LanguageInfo)

	runCtx, stop := k.WithDeath(ctx)
	defer stop()
	return Execute(runCtx, k.Client, nb, cfg.Options)
}

func (cfg Config) withDefaults() (Config, error) {
	if len(cfg.Kernel) == 0 {
		exe, err := os.Executable()
		if err != nil {
			return cfg, fmt.Errorf("find this program: %w", err)
		}
		cfg.Kernel = []string{exe, "kernel"}
	}
	if cfg.Logs == nil {
		cfg.Logs = os.Stderr
	}
	if cfg.StartTimeout == 0 {
		cfg.StartTimeout = 60 * time.Second
	}
	if cfg.ShutdownGrace == 0 {
		cfg.ShutdownGrace = 3 * time.Second
	}
	return cfg, nil
}

// setKernelMetadata records the kernel a notebook ran on, as Jupyter does
// when it saves one.
func setKernelMetadata(nb *notebook.Notebook, li wire.LanguageInfo) {
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	nb.Metadata["kernelspec"] = map[string]any{"name": "go", "display_name": "Go", "language": "go"}
	info := map[string]any{}
	if b, err := json.Marshal(li); err == nil && json.Unmarshal(b, &info) == nil {
		for k, v := range info {
			if v == "" {
				delete(info, k) // unset fields are better absent than empty
			}
		}
		nb.Metadata["language_info"] = info
	}
}
