package timeline

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"gokernel/gil"
	"gokernel/magics"
)

// Options are the arguments of %%threads.
type Options struct {
	// Modes are the lock settings to run the cell with, in order: none
	// means as the lock is now, two mean a comparison.
	Modes []bool
	// Interval, when not zero, is the switch interval for the runs.
	Interval time.Duration
	// Out is the file the runtime trace goes to; "" writes none.
	Out string
}

// Usage is %%threads's synopsis.
const Usage = "%%threads [--gil on|off] [--interval D] [--compare] [-o FILE]"

// ParseOptions reads %%threads's arguments. --compare without --gil runs
// the cell with the lock on, then off; with one --gil, with that setting
// then the other; two --gil values compare those.
func ParseOptions(args string) (Options, error) {
	opts, rest, err := magics.ParseOptions(args, "o:", "gil:", "interval:", "compare", "out:")
	if err != nil {
		return Options{}, fmt.Errorf("%%%%threads: %w (usage: %s)", err, Usage)
	}
	if strings.TrimSpace(rest) != "" {
		return Options{}, fmt.Errorf("%%%%threads: unexpected %q: the code goes on the lines below (usage: %s)", rest, Usage)
	}
	var o Options
	for _, v := range opts["gil"] {
		on, err := gil.ParseMode(v)
		if err != nil {
			return Options{}, fmt.Errorf("%%%%threads --gil: %w", err)
		}
		o.Modes = append(o.Modes, on)
	}
	if len(o.Modes) > 2 {
		return Options{}, fmt.Errorf("%%%%threads: --gil given %d times; at most two runs compare", len(o.Modes))
	}
	if opts.Has("compare") {
		switch len(o.Modes) {
		case 0:
			o.Modes = []bool{true, false}
		case 1:
			o.Modes = append(o.Modes, !o.Modes[0])
		}
	}
	if v := opts.Last("interval", ""); v != "" {
		if o.Interval, err = gil.ParseInterval(v); err != nil {
			return Options{}, fmt.Errorf("%%%%threads --interval: %w", err)
		}
	}
	o.Out = opts.Last("o", opts.Last("out", ""))
	return o, nil
}

// Compare reports whether the options ask for two runs.
func (o Options) Compare() bool { return len(o.Modes) == 2 }

// TracePath is where run i's trace goes: Out itself for a single run, and
// for a comparison Out with the lock setting before the extension
// (trace.out → trace.gil-on.out, trace.gil-off.out).
func (o Options) TracePath(i int) string {
	if o.Out == "" || !o.Compare() {
		return o.Out
	}
	ext := filepath.Ext(o.Out)
	mode := "off"
	if o.Modes[i] {
		mode = "on"
	}
	if o.Modes[0] == o.Modes[1] {
		mode += fmt.Sprint(i + 1)
	}
	return strings.TrimSuffix(o.Out, ext) + ".gil-" + mode + ext
}

// Renderer is what a Timeline and a Comparison both are.
type Renderer interface {
	HTML() string
	SVG() string
	Text() string
}

// Bundle is the display_data MIME bundle of a timeline or comparison: the
// picture with its table as HTML, the picture alone as SVG, and text for
// consoles.
func Bundle(r Renderer) map[string]any {
	return map[string]any{"text/html": r.HTML(), "image/svg+xml": r.SVG(), "text/plain": r.Text()}
}
