// Package display is what cells get from `import "gokernel/display"`: rich
// output (HTML, images, ...), displays updated in place, progress bars.
package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"reflect"
	"sync/atomic"
)

// Sink is where displays go: the output of the cell that runs the calling
// goroutine (or started it).
type Sink interface {
	Show(data, metadata map[string]any, id string, update bool)
	Clear(wait bool)
}

// Bundler renders a value as a MIME bundle.
type Bundler func(v reflect.Value) (data, metadata map[string]any)

// lib is one session's display functions.
type lib struct {
	sink   func() Sink
	bundle Bundler
}

// Symbols returns the package's symbols in interp.Use's format. sink is
// asked for the caller's Sink on every call.
func Symbols(sink func() Sink, bundle Bundler) map[string]reflect.Value {
	l := &lib{sink: sink, bundle: bundle}
	return map[string]reflect.Value{
		"HTML":        reflect.ValueOf(l.text("text/html")),
		"Markdown":    reflect.ValueOf(l.text("text/markdown")),
		"SVG":         reflect.ValueOf(l.text("image/svg+xml")),
		"LaTeX":       reflect.ValueOf(l.text("text/latex")),
		"PNG":         reflect.ValueOf(l.binary("image/png")),
		"JPEG":        reflect.ValueOf(l.binary("image/jpeg")),
		"JSON":        reflect.ValueOf(l.json),
		"Image":       reflect.ValueOf(l.image),
		"Display":     reflect.ValueOf(l.display),
		"DisplayID":   reflect.ValueOf(l.displayID),
		"Update":      reflect.ValueOf(l.update),
		"NewID":       reflect.ValueOf(NewID),
		"ClearOutput": reflect.ValueOf(l.clear),
		"NewProgress": reflect.ValueOf(l.newProgress),
		"Progress":    reflect.ValueOf((*Progress)(nil)),
	}
}

func (l *lib) show(data, md map[string]any, id string, update bool) {
	l.sink().Show(data, md, id, update)
}

func (l *lib) text(mimeType string) func(string) {
	return func(s string) {
		l.show(map[string]any{mimeType: s, "text/plain": plainOf(mimeType)}, nil, "", false)
	}
}

func plainOf(mimeType string) string { return "<" + mimeType + ">" }

func (l *lib) binary(mimeType string) func([]byte) {
	return func(b []byte) {
		data := map[string]any{
			mimeType:     base64.StdEncoding.EncodeToString(b),
			"text/plain": fmt.Sprintf("<%s, %d bytes>", mimeType, len(b)),
		}
		l.show(data, nil, "", false)
	}
}

// json shows v as application/json; v goes through encoding/json so what
// reaches the front end is plain JSON.
func (l *lib) json(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("display.JSON: %w", err)
	}
	var plain any
	if err := json.Unmarshal(b, &plain); err != nil {
		return fmt.Errorf("display.JSON: %w", err)
	}
	var indented bytes.Buffer
	_ = json.Indent(&indented, b, "", "  ")
	l.show(map[string]any{"application/json": plain, "text/plain": indented.String()}, nil, "", false)
	return nil
}

func (l *lib) image(img image.Image) {
	data, md := l.bundle(reflect.ValueOf(img))
	l.show(data, md, "", false)
}

// display shows any value as the cell's final expression would be shown.
func (l *lib) display(v any) {
	data, md := l.bundle(reflect.ValueOf(v))
	l.show(data, md, "", false)
}

// displayID shows v in a display named id, which Update replaces later.
func (l *lib) displayID(id string, v any) {
	data, md := l.bundle(reflect.ValueOf(v))
	l.show(data, md, id, false)
}

// update replaces the content of the display named id.
func (l *lib) update(id string, v any) {
	data, md := l.bundle(reflect.ValueOf(v))
	l.show(data, md, id, true)
}

func (l *lib) clear(wait bool) { l.sink().Clear(wait) }

var ids atomic.Int64

// NewID returns a display id unique in this kernel.
func NewID() string { return fmt.Sprintf("gokernel-display-%d", ids.Add(1)) }
