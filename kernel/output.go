package kernel

import (
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"gokernel/engine"
	"gokernel/kernel/wire"
)

// Stream text is coalesced: it is published when streamInterval has passed
// since the first unsent byte, when streamMax bytes are waiting, or before
// any other message of the cell, so order is kept and nothing is lost.
const (
	streamInterval = 50 * time.Millisecond
	streamMax      = 64 << 10
)

// cellOutput is the engine.Output of one execute_request. It stays usable
// after the cell ends: goroutines the cell started still publish with the
// cell's request as parent.
type cellOutput struct {
	k          *Kernel
	parent     wire.Header
	idents     [][]byte
	allowStdin bool

	mu    sync.Mutex
	name  string // stream the pending text belongs to
	buf   []byte
	timer *time.Timer
	armed bool
	held  int // bytes of an unfinished UTF-8 character held back by the last timer flush
}

func newCellOutput(k *Kernel, req wire.Message, allowStdin bool) *cellOutput {
	return &cellOutput{k: k, parent: req.Header, idents: req.Identities, allowStdin: allowStdin}
}

var _ engine.Output = (*cellOutput)(nil)

// Stream buffers text; it takes a lock and appends, nothing more, unless
// the buffer is full or the stream name changes.
func (o *cellOutput) Stream(name, text string) {
	if text == "" {
		return
	}
	o.mu.Lock()
	if name != o.name && len(o.buf) > 0 {
		o.flushLocked(true)
	}
	o.name = name
	o.buf = append(o.buf, text...)
	if len(o.buf) >= streamMax {
		o.flushLocked(false)
	}
	if len(o.buf) > 0 && !o.armed {
		o.armed = true
		if o.timer == nil {
			o.timer = time.AfterFunc(streamInterval, o.onTimer)
		} else {
			o.timer.Reset(streamInterval)
		}
	}
	o.mu.Unlock()
}

func (o *cellOutput) onTimer() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.armed = false
	// Text that was only an unfinished character last time is sent as is.
	o.flushLocked(len(o.buf) == o.held)
	if len(o.buf) > 0 {
		o.armed = true
		o.timer.Reset(streamInterval)
	}
}

// flushLocked publishes the pending text. Unless final, an unfinished
// UTF-8 character at the end stays buffered for the next write.
func (o *cellOutput) flushLocked(final bool) {
	n := len(o.buf)
	if !final {
		n = completeUTF8(o.buf)
	}
	o.held = len(o.buf) - n
	if n == 0 {
		return
	}
	o.k.publish(&o.parent, "stream", wire.Stream{Name: o.name, Text: string(o.buf[:n])})
	o.buf = append(o.buf[:0], o.buf[n:]...)
}

// completeUTF8 returns the length of b without a trailing incomplete
// UTF-8 sequence.
func completeUTF8(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// flush publishes pending stream text now.
func (o *cellOutput) flush() {
	o.mu.Lock()
	o.flushLocked(true)
	o.mu.Unlock()
}

// publish sends a non-stream message after any pending stream text.
func (o *cellOutput) publish(msgType string, content any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.flushLocked(true)
	if err := o.k.publish(&o.parent, msgType, content); err != nil {
		// Typically content that JSON cannot hold (NaN, channels): say so
		// in the cell instead of losing the output silently.
		o.k.publish(&o.parent, "stream", wire.Stream{
			Name: "stderr", Text: fmt.Sprintf("cannot send %s: %v\n", msgType, err),
		})
	}
}

// Display sends display_data, or update_display_data for an update.
func (o *cellOutput) Display(d engine.DisplayData) {
	msgType := "display_data"
	if d.Update && d.DisplayID != "" {
		msgType = "update_display_data"
	}
	c := wire.DisplayData{Data: orEmpty(d.Data), Metadata: orEmpty(d.Metadata)}
	if d.DisplayID != "" {
		c.Transient = map[string]any{"display_id": d.DisplayID}
	}
	o.publish(msgType, c)
}

// ClearOutput sends clear_output.
func (o *cellOutput) ClearOutput(wait bool) {
	o.publish("clear_output", wire.ClearOutput{Wait: wait})
}

// Input asks the front end for a line on stdin.
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", engine.ErrNoStdin
	}
	o.flush()
	return o.k.input(o, prompt, password)
}
