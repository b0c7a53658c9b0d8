// Package complete answers a notebook front end's questions about code
// being typed: what can complete the word at the cursor (Complete), what
// the name at the cursor is (Inspect), and whether a cell is ready to run
// (IsComplete).
//
// It knows nothing of the interpreter: everything it needs about the
// session comes in an Env. Offsets are byte offsets into the code.
//
// Inspect reads documentation from the Go sources under GOROOT, as go doc
// does, parsing each package once, when first asked; without those sources
// it falls back to the reflect types of the symbols in Env.Packages.
package complete

import "reflect"

// Env is what the session knows when a question is asked.
type Env struct {
	// Names maps each name the session declared to its declaration text,
	// e.g. "x" → "var x int", "fib" → "func fib(n int) int".
	Names map[string]string
	// Imports maps each package name in scope to its import path,
	// e.g. "fmt" → "fmt", "str" → "strings".
	Imports map[string]string
	// Packages holds the symbols of the packages that can be imported,
	// keyed "importpath/name" as yaegi's Exports are,
	// e.g. "math/rand/rand" → {"Intn": …}.
	Packages map[string]map[string]reflect.Value
	// Magics are the magic commands without their %, e.g. "timeit";
	// they complete after % at the start of a line.
	Magics []string
}
