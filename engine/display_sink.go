package engine

import "gokernel/engine/display"

// displaySink returns where the calling goroutine's displays go.
func (s *Session) displaySink() display.Sink {
	c := s.cellFor(keyIfBackground(&s.bg))
	if c == nil {
		return outputSink{discard{}}
	}
	return outputSink{c.out}
}

type outputSink struct{ out Output }

func (o outputSink) Show(data, metadata map[string]any, id string, update bool) {
	o.out.Display(DisplayData{Data: data, Metadata: metadata, DisplayID: id, Update: update})
}

func (o outputSink) Clear(wait bool) { o.out.ClearOutput(wait) }
