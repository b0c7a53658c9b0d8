package timeline

// Kind is what a goroutine was doing during a [Segment].
type Kind uint8

const (
	Hold    Kind = iota + 1 // held the lock, running interpreted code
	Wait                    // waited for the lock
	Native                  // ran with the lock released (native code)
	Blocked                 // blocked: channel, select, sleep, sync, I/O
	Running                 // ran without the lock (lock off, or not a lock user)
	Ready                   // runnable, waiting for a CPU
)

// kinds lists the kinds in legend order.
var kinds = []Kind{Hold, Wait, Native, Running, Blocked, Ready}

var kindInfo = map[Kind]struct{ name, label, color, glyph string }{
	Hold:    {"hold", "holding the lock (interpreted)", "#d62728", "#"},
	Wait:    {"wait", "waiting for the lock", "#fdd0a2", "."},
	Native:  {"native", "native, lock released", "#2ca02c", "N"},
	Running: {"running", "running without the lock", "#1f77b4", "R"},
	Blocked: {"blocked", "blocked (chan, sleep, sync, I/O)", "#9e9e9e", "-"},
	Ready:   {"ready", "runnable, waiting for a CPU", "#dadaeb", "~"},
}

// String is the kind's short name, used in SVG class and data attributes.
func (k Kind) String() string {
	if i, ok := kindInfo[k]; ok {
		return i.name
	}
	return "unknown"
}

// Label is the kind's legend text.
func (k Kind) Label() string {
	if i, ok := kindInfo[k]; ok {
		return i.label
	}
	return "unknown"
}

func (k Kind) color() string { return kindInfo[k].color }
func (k Kind) glyph() string { return kindInfo[k].glyph }
