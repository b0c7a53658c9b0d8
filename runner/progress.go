package runner

import (
	"fmt"
	"io"
)

// progress shows "cell 3/12" on the last line of a terminal. It is erased
// before the transcript writes and drawn again after, so the two never mix
// on the screen. A nil *progress does nothing.
type progress struct {
	w       io.Writer
	current string
	shown   bool
}

func (p *progress) set(i, n int) {
	if p == nil {
		return
	}
	p.hide()
	p.current = fmt.Sprintf("cell %d/%d", i, n)
	p.show()
}

func (p *progress) show() {
	if p == nil || p.shown || p.current == "" {
		return
	}
	io.WriteString(p.w, p.current)
	p.shown = true
}

func (p *progress) hide() {
	if p == nil || !p.shown {
		return
	}
	io.WriteString(p.w, "\r\x1b[K")
	p.shown = false
}

// done erases the line for good.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.hide()
	p.current = ""
}
