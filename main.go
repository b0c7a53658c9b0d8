// Command gokernel is a Jupyter kernel for Go.
//
//	gokernel kernel --connection-file F   run the kernel (what kernel.json starts)
//	gokernel install [--user|--sys-prefix|--prefix DIR] [--name go]
//	gokernel uninstall [--user|--sys-prefix|--prefix DIR] [--name go]
//	gokernel run NOTEBOOK [-o OUT.ipynb] [--timeout D] [--allow-errors]
//	gokernel version
//	gokernel help [command]
//
// This file only parses flags and wires the packages together: the protocol
// lives in kernel/, the interpreter in engine/, kernelspecs in install/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"gokernel/engine"
	"gokernel/install"
	"gokernel/kernel"
	"gokernel/kernel/wire"
	"gokernel/runner"
)

// version is replaced at link time: go build -ldflags "-X main.version=v1.2.3".
var version = "0.1.0-dev"

const usage = `gokernel runs Go in Jupyter: a kernel that interprets Go cells.

Usage:
  gokernel <command> [flags]

Commands:
  kernel      run the kernel; Jupyter starts this through kernel.json
  install     install the kernelspec so Jupyter front ends find the kernel
  uninstall   remove an installed kernelspec
  run         run a notebook (.ipynb or jupytext markdown) on a fresh kernel
  version     print the version
  help        print help for a command: gokernel help install

Quick start:
  go build -o gokernel . && ./gokernel install --user
  jupyter lab    # then pick the "Go" kernel
`

// exitStatus is a command's exit status when it has already said why.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errUsage marks a command-line mistake: the usage was already printed.
var errUsage = errors.New("usage")

type command struct {
	run   func(args []string) error
	flags func() *flag.FlagSet // for `help NAME`; nil for commands without flags
}

func commands() map[string]command {
	return map[string]command{
		"kernel":    {run: runKernel, flags: func() *flag.FlagSet { fs, _ := kernelFlags(); return fs }},
		"install":   {run: runInstall, flags: func() *flag.FlagSet { fs, _ := locationFlags("install"); return fs }},
		"uninstall": {run: runUninstall, flags: func() *flag.FlagSet { fs, _ := locationFlags("uninstall"); return fs }},
		"run":       {run: runNotebook},
		"version":   {run: runVersion},
		"help":      {run: runHelp},
	}
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gokernel: ")
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cmd, ok := commands()[os.Args[1]]
	if !ok {
		if os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "-help" {
			fmt.Print(usage)
			return
		}
		fmt.Fprintf(os.Stderr, "gokernel: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	err := cmd.run(os.Args[2:])
	var status exitStatus
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.As(err, &status):
		os.Exit(int(status))
	default:
		log.Print(err)
		os.Exit(1)
	}
}

// parse parses args and rejects stray positional arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage:\n  %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func kernelFlags() (*flag.FlagSet, *string) {
	fs := newFlagSet("kernel", "gokernel kernel --connection-file FILE")
	file := fs.String("connection-file", "", "Jupyter connection file (JSON with ports, ip, key)")
	return fs, file
}

// runKernel serves one kernel until a shutdown_request or SIGTERM.
func runKernel(args []string) error {
	fs, file := kernelFlags()
	if err := parse(fs, args); err != nil {
		return err
	}
	if *file == "" {
		fmt.Fprintln(fs.Output(), "missing --connection-file")
		fs.Usage()
		return errUsage
	}
	conn, err := wire.ReadConnectionFile(*file)
	if err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	cfg := kernel.Config{
		Conn: conn,
		NewEngine: func() (kernel.Engine, error) {
			return engine.New(engine.Options{})
		},
		Logger:         log.New(os.Stderr, "gokernel: ", log.LstdFlags|log.Lmicroseconds),
		Implementation: "gokernel",
		Version:        version,
		Banner:         "gokernel " + version + ": Go in Jupyter, interpreted by yaegi",
	}
	k, err := kernel.New(cfg)
	if err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	defer startProfiles()()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	defer forwardSIGINT(k)()
	if err := k.Serve(ctx); err != nil {
		return fmt.Errorf("kernel: %w", err)
	}
	return nil
}

// forwardSIGINT replaces SIGINT's default action (exit) with an interrupt
// of the running cell, until the returned function is called. A terminal's
// Ctrl-C reaches every process in the foreground group, kernel included,
// and must stop the cell, not kill the kernel.
func forwardSIGINT(k *kernel.Kernel) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				k.Interrupt()
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// locationFlags are the flags install and uninstall share.
func locationFlags(name string) (*flag.FlagSet, *install.Options) {
	fs := newFlagSet(name, "gokernel "+name+" [--user | --sys-prefix | --prefix DIR] [--name NAME]")
	opts := &install.Options{}
	fs.BoolVar(&opts.User, "user", false, "the user's Jupyter data directory (the default)")
	fs.BoolVar(&opts.SysPrefix, "sys-prefix", false, "the active Python environment ($VIRTUAL_ENV or $CONDA_PREFIX)")
	fs.StringVar(&opts.Prefix, "prefix", "", "`DIR`/share/jupyter/kernels")
	fs.StringVar(&opts.Name, "name", install.DefaultName, "kernel name front ends select")
	if name == "install" {
		fs.StringVar(&opts.DisplayName, "display-name", "Go", "name front ends show")
	}
	return fs, opts
}

func runInstall(args []string) error {
	fs, opts := locationFlags("install")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir, err := install.Install(*opts)
	if err != nil {
		return err
	}
	fmt.Printf("installed kernelspec %s in %s\n", opts.Name, dir)
	return nil
}

func runUninstall(args []string) error {
	fs, opts := locationFlags("uninstall")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir, err := install.Uninstall(opts.Name, *opts)
	if err != nil {
		return err
	}
	fmt.Printf("removed kernelspec %s from %s\n", opts.Name, dir)
	return nil
}

// runNotebook is `gokernel run`; package runner parses its own flags.
func runNotebook(args []string) error {
	if code := runner.Main(args); code != 0 {
		return exitStatus(code)
	}
	return nil
}

func runVersion(args []string) error {
	if len(args) > 0 {
		fmt.Fprintln(os.Stderr, "usage: gokernel version")
		return errUsage
	}
	fmt.Println("gokernel", version)
	return nil
}

func runHelp(args []string) error {
	if len(args) == 0 {
		fmt.Print(usage)
		return nil
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "gokernel: unknown command %q\n\n%s", args[0], usage)
		return errUsage
	}
	if args[0] == "run" {
		fmt.Print(runner.Usage)
		return nil
	}
	if cmd.flags == nil {
		fmt.Printf("Usage:\n  gokernel %s\n", args[0])
		return nil
	}
	fs := cmd.flags()
	fs.SetOutput(os.Stdout)
	fs.Usage()
	return nil
}
