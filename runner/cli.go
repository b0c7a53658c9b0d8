package runner

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"gokernel/notebook"
)

// Usage is the help text of `gokernel run`.
const Usage = `Usage: gokernel run NOTEBOOK.{md,ipynb} [-o OUT.ipynb] [--timeout D] [--allow-errors] [--kernel-arg ARG]...

Runs every code cell of a notebook in order on a fresh Go kernel (started as
a child process, over ZeroMQ, as Jupyter does), prints a transcript of the
cells and their outputs, and writes the executed notebook (nbformat 4.5).

NOTEBOOK is an .ipynb file, or jupytext markdown: MyST ({code-cell} go
fences, +++ cell breaks, YAML front matter) or plain markdown whose ` + "```go" + `
fences are the code cells.

The executed notebook goes to OUT.ipynb, by default NAME.executed.ipynb
next to NOTEBOOK, so the input is never overwritten. It is
written also when a cell fails, with the cells up to the failing one.

Exit status: 0 when every cell ran (or --allow-errors), 1 when a cell failed
or timed out or the kernel died (the error is printed), 2 for usage errors
and when the notebook cannot be read or the kernel does not start, 130 when
interrupted (Ctrl-C interrupts the cell and shuts the kernel down).

Flags:
`

// Main runs `gokernel run` with the arguments after "run" and returns the
// exit status.
func Main(args []string) int {
	return mainIO(args, os.Stdin, os.Stdout, os.Stderr)
}

// cliArgs are the parsed command-line arguments.
type cliArgs struct {
	input, output string
	quiet         bool
	cfg           Config
}

func mainIO(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "gokernel run: %v\n", err)
		return 2
	}
	nb, err := notebook.ReadFile(a.input)
	if err != nil {
		fmt.Fprintf(stderr, "gokernel run: %v\n", err)
		return 2
	}
	configureIO(&a, stdin, stdout, stderr)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	report, runErr := Run(ctx, nb, a.cfg)
	if errors.Is(runErr, ErrStart) {
		fmt.Fprintf(stderr, "gokernel run: %v\n", runErr)
		return 2
	}
	status := exitStatus(ctx, report, runErr, a.quiet, stderr)
	if err := nb.WriteFile(a.output); err != nil {
		fmt.Fprintf(stderr, "gokernel run: %v\n", err)
		return max(status, 1)
	}
	fmt.Fprintf(stderr, "gokernel run: %d cells ran, wrote %s\n", report.Executed, a.output)
	return status
}

// exitStatus reports how the run ended on stderr and picks the status.
func exitStatus(ctx context.Context, report Report, err error, quiet bool, stderr io.Writer) int {
	var cerr *CellError
	switch {
	case err == nil:
		if n := len(report.Errors); n > 0 {
			fmt.Fprintf(stderr, "gokernel run: %d cells failed (errors allowed)\n", n)
		}
		return 0
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "gokernel run: interrupted: %v\n", err)
		return 130
	case errors.As(err, &cerr):
		if quiet {
			// The transcript did not show the traceback.
			fmt.Fprintln(stderr, stripANSI(strings.Join(cerr.Traceback, "\n")))
		}
		fmt.Fprintf(stderr, "gokernel run: %v\n", cerr)
		return 1
	default:
		fmt.Fprintf(stderr, "gokernel run: %v\n", err)
		return 1
	}
}

func parseArgs(args []string, stderr io.Writer) (cliArgs, error) {
	var a cliArgs
	fs := flag.NewFlagSet("gokernel run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, Usage)
		fs.PrintDefaults()
	}
	var kernel string
	fs.StringVar(&a.output, "o", "", "write the executed notebook to `OUT.ipynb` (default NAME.executed.ipynb)")
	fs.StringVar(&a.output, "output", "", "same as -o")
	fs.DurationVar(&a.cfg.Timeout, "timeout", 10*time.Minute, "limit for each cell; 0 means none")
	fs.BoolVar(&a.cfg.AllowErrors, "allow-errors", false, "keep going after a failing cell, and exit 0")
	fs.Func("kernel-arg", "pass `ARG` to the kernel command (repeatable)", func(s string) error {
		a.cfg.KernelArgs = append(a.cfg.KernelArgs, s)
		return nil
	})
	fs.StringVar(&kernel, "kernel", "", "run the kernel from this gokernel `binary` (default: this program)")
	fs.BoolVar(&a.quiet, "q", false, "print no transcript")

	positional, err := parseInterspersed(fs, args)
	if err != nil {
		return a, err
	}
	if len(positional) != 1 {
		fs.Usage()
		return a, fmt.Errorf("want exactly one notebook, got %d arguments", len(positional))
	}
	a.input = positional[0]
	if a.output == "" {
		a.output = defaultOutput(a.input)
	}
	if kernel != "" {
		a.cfg.Kernel = []string{kernel, "kernel"}
	}
	return a, nil
}

// parseInterspersed parses flags placed before or after the notebook, as
// users write `gokernel run nb.md -o out.ipynb`.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" || (len(positional) > 0 && args[0] == "-") {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// defaultOutput is NAME.executed.ipynb next to the input.
func defaultOutput(input string) string {
	ext := filepath.Ext(input)
	return strings.TrimSuffix(input, ext) + ".executed.ipynb"
}

// configureIO connects the run to the terminal: transcript on stdout (in
// colour on a terminal), progress on stderr when it is a terminal, and the
// kernel's input requests answered from stdin a line at a time.
func configureIO(a *cliArgs, stdin io.Reader, stdout, stderr io.Writer) {
	o := &a.cfg.Options
	if !a.quiet {
		o.Transcript = stdout
		o.Color = isTerminal(stdout)
	}
	if isTerminal(stderr) {
		o.Progress = stderr
	}
	o.EchoInput = !isTerminal(stdin)
	lines := bufio.NewReader(stdin)
	o.Input = func(prompt string, password bool) string {
		line, _ := lines.ReadString('\n') // at EOF the answer is what was read, maybe ""
		return strings.TrimRight(line, "\r\n")
	}
	a.cfg.Logs = stderr
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
