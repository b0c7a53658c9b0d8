package engine

import (
	"errors"
	"fmt"
	"go/scanner"
	"regexp"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// Interrupted is the panic value a checkpoint raises for an interrupt.
type Interrupted struct{}

func (Interrupted) Error() string { return "interrupted" }

// RecursionError is the panic value raised when interpreted code recurses
// too deep: Go's own stack overflow is fatal and would end the kernel.
type RecursionError struct{ Frames int }

func (e RecursionError) Error() string {
	return fmt.Sprintf("maximum recursion depth exceeded (the goroutine's stack passed %d Go frames)", e.Frames)
}

// exitRequest is the panic value of os.Exit and log.Fatal in a cell.
type exitRequest struct {
	code int
	via  string
}

func (e exitRequest) Error() string {
	return fmt.Sprintf("%s(%d) refused: a cell cannot exit the kernel; return from the cell or panic instead", e.via, e.code)
}

type goexitError struct{}

func (goexitError) Error() string {
	return "runtime.Goexit called in a cell: it may only end a goroutine the cell started"
}

const (
	red   = "\x1b[0;31m"
	green = "\x1b[0;32m"
	reset = "\x1b[0m"
)

// compileError turns a parse or compile failure into a CompileError.
func compileError(err error) *Error {
	var lines []string
	var list scanner.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			lines = append(lines, e.Error())
		}
	} else {
		lines = strings.Split(strings.TrimSpace(err.Error()), "\n")
	}
	tb := make([]string, len(lines))
	for i, l := range lines {
		tb[i] = red + "CompileError" + reset + ": " + l
	}
	return &Error{Name: "CompileError", Value: strings.Join(lines, "\n"), Traceback: tb}
}

// panicError describes a panic with its value and the interpreted stack.
func (s *Session) panicError(r any, trace []string, dropped int) *Error {
	if p, ok := r.(interp.Panic); ok {
		r = p.Value
	}
	name := "panic"
	switch r.(type) {
	case Interrupted:
		name = "Interrupted"
	case RecursionError:
		name = "RecursionError"
	case exitRequest:
		name = "SystemExit"
	}
	value := panicValue(r)
	tb := []string{red + name + reset + ": " + value}
	if len(trace) > 0 {
		tb = append(tb, "", "Interpreted stack (most recent call first):")
		tb = append(tb, collapse(trace, dropped)...)
	}
	return &Error{Name: name, Value: value, Traceback: tb}
}

func panicValue(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case fmt.Stringer:
		return v.String()
	case string:
		return v
	}
	return fmt.Sprintf("%#v", r)
}

// collapse folds runs of the same line (deep recursion) as Python does.
func collapse(trace []string, dropped int) []string {
	var out []string
	for i := 0; i < len(trace); {
		j := i + 1
		for j < len(trace) && trace[j] == trace[i] {
			j++
		}
		out = append(out, green+trace[i]+reset)
		if n := j - i - 1; n > 0 {
			out = append(out, fmt.Sprintf("  [previous line repeated %d more times]", n))
		}
		if dropped > 0 && i < maxTrace/2 && j >= maxTrace/2 {
			out = append(out, fmt.Sprintf("  [%d more frames]", dropped))
		}
		i = j
	}
	return out
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func stripANSI(s string) string { return ansi.ReplaceAllString(s, "") }

// importFailure reports whether compiling failed on an import declaration.
func importFailure(err error) bool {
	m := err.Error()
	return strings.Contains(m, "import") || strings.Contains(m, "unable to find source") ||
		strings.Contains(m, "redeclared in this block")
}
