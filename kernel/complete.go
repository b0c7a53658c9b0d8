package kernel

import (
	"unicode/utf8"

	"gokernel/engine"
	"gokernel/kernel/wire"
)

// complete answers complete_request. The protocol counts the cursor in
// Unicode code points (since 5.2); the engine works in bytes.
func (k *Kernel) complete(m wire.Message) {
	var c wire.CompleteRequest
	if err := m.Unmarshal(&c); err != nil {
		k.log.Print(err)
	}
	cursor := byteOffset(c.Code, c.CursorPos)
	var comp engine.Completion
	k.callEngine("complete", func(e Engine) { comp = e.Complete(c.Code, cursor) })
	start, end := cursor, cursor
	if comp.Matches != nil {
		start, end = comp.CursorStart, comp.CursorEnd
	}
	matches := comp.Matches
	if matches == nil {
		matches = []string{}
	}
	k.reply(k.shell, m, "complete_reply", wire.CompleteReply{
		Status:      "ok",
		Matches:     matches,
		CursorStart: runeOffset(c.Code, start),
		CursorEnd:   runeOffset(c.Code, end),
		Metadata:    orEmpty(comp.Metadata),
	})
}

func (k *Kernel) inspect(m wire.Message) {
	var c wire.InspectRequest
	if err := m.Unmarshal(&c); err != nil {
		k.log.Print(err)
	}
	var in engine.Inspection
	k.callEngine("inspect", func(e Engine) {
		in = e.Inspect(c.Code, byteOffset(c.Code, c.CursorPos), c.DetailLevel)
	})
	k.reply(k.shell, m, "inspect_reply", wire.InspectReply{
		Status: "ok", Found: in.Found, Data: orEmpty(in.Data), Metadata: orEmpty(in.Metadata),
	})
}

func (k *Kernel) isComplete(m wire.Message) {
	var c wire.IsCompleteRequest
	if err := m.Unmarshal(&c); err != nil {
		k.log.Print(err)
	}
	ic := engine.Completeness{Status: "unknown"}
	k.callEngine("is_complete", func(e Engine) { ic = e.IsComplete(c.Code) })
	r := wire.IsCompleteReply{Status: ic.Status}
	if ic.Status == "incomplete" {
		r.Indent = ic.Indent
	}
	k.reply(k.shell, m, "is_complete_reply", r)
}

// callEngine runs f with the engine, unless it failed to start; a panic in
// the engine is logged, and the caller replies with its defaults.
func (k *Kernel) callEngine(what string, f func(Engine)) {
	e, err := k.waitEngine()
	if err != nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			k.log.Printf("engine %s panicked: %v", what, r)
		}
	}()
	f(e)
}

// byteOffset converts a cursor counted in code points to a byte offset
// into s, clamped to s.
func byteOffset(s string, runes int) int {
	if runes <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}

// runeOffset converts a byte offset into s to code points; an offset inside
// a character counts from that character's start.
func runeOffset(s string, b int) int {
	b = max(0, min(b, len(s)))
	for b > 0 && b < len(s) && !utf8.RuneStart(s[b]) {
		b--
	}
	return utf8.RuneCountInString(s[:b])
}
