package engine

import (
	"regexp"
	"strings"

	"gokernel/engine/complete"
)

// env is what completion and inspection know of the session.
func (s *Session) env() complete.Env {
	d := &s.decl
	d.mu.Lock()
	names := make(map[string]string, len(d.names))
	for k, v := range d.names {
		names[k] = v
	}
	d.mu.Unlock()
	imports := map[string]string{}
	for _, sp := range s.decl.sessionImports() {
		if n := s.importName(sp); n != "_" && n != "." {
			imports[n] = sp.path
		}
	}
	return complete.Env{Names: names, Imports: imports, Packages: s.exports, Magics: s.magicNames()}
}

// Complete completes code at the byte offset cursor.
func (s *Session) Complete(code string, cursor int) Completion {
	matches, start, end := complete.Complete(code, cursor, s.env())
	if matches == nil {
		matches = []string{}
	}
	return Completion{Matches: matches, CursorStart: start, CursorEnd: end, Metadata: map[string]any{}}
}

// Inspect describes the name at the byte offset cursor.
func (s *Session) Inspect(code string, cursor, detail int) Inspection {
	text, found := complete.Inspect(code, cursor, detail, s.env())
	if !found {
		return Inspection{Data: map[string]any{}, Metadata: map[string]any{}}
	}
	return Inspection{Found: true, Data: map[string]any{"text/plain": text}, Metadata: map[string]any{}}
}

// IsComplete tells whether code is ready to run.
func (s *Session) IsComplete(code string) Completeness {
	status, indent := complete.IsComplete(code)
	return Completeness{Status: status, Indent: indent}
}

// helpRequest matches IPython's pager syntax: NAME?, NAME??, ?NAME.
var helpRequest = regexp.MustCompile(`^\s*(?:\?{1,2}\s*([\pL_][\pL\pN_.]*)|([\pL_][\pL\pN_.]*)\s*\?{1,2})\s*$`)

func pagerRequest(code string) (string, bool) {
	m := helpRequest.FindStringSubmatch(code)
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}

// page answers NAME? with the documentation of NAME as a pager payload;
// NAME?? asks for more detail.
func (s *Session) page(code, name string) Result {
	detail := 0
	if strings.Contains(code, "??") {
		detail = 1
	}
	text, found := complete.Inspect(name, len(name), detail, s.env())
	if !found {
		text = "Object `" + name + "` not found."
	}
	return Result{Payload: []map[string]any{{
		"source": "page",
		"data":   map[string]any{"text/plain": text},
		"start":  0,
	}}}
}
