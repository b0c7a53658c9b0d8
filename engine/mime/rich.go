package mime

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
)

const textPlain = "text/plain"

// resultKind is what a display method returns.
type resultKind int

const (
	kindString resultKind = iota // HTML() string
	kindBytes                    // PNG() []byte
	kindAny                      // JSON() any
)

// displayMethods are the IPython _repr_*_ methods of Go values, in the
// order they are looked for.
var displayMethods = []struct {
	name, mime string
	kind       resultKind
}{
	{"HTML", "text/html", kindString},
	{"SVG", "image/svg+xml", kindString},
	{"Markdown", "text/markdown", kindString},
	{"LaTeX", "text/latex", kindString},
	{"JSON", "application/json", kindAny},
	{"PNG", "image/png", kindBytes},
	{"JPEG", "image/jpeg", kindBytes},
}

// addRich adds the rich MIME types of v to data.
func (o *Options) addRich(v reflect.Value, data, metadata map[string]any) {
	if !v.IsValid() {
		return
	}
	if img, ok := asImage(v); ok {
		if err := addImage(img, data, metadata); err == nil {
			data[textPlain] = imageText(v.Type(), img)
		}
	}
	for _, m := range displayMethods {
		r, ok := o.call(v, m.name)
		if !ok {
			continue
		}
		content, ok := richContent(r, m.kind)
		if !ok {
			continue
		}
		data[m.mime] = content
		if m.kind == kindBytes {
			if size, ok := imageSize(r.Bytes()); ok {
				metadata[m.mime] = size
			}
		}
	}
}

// richContent turns a display method's result into the JSON value Jupyter
// expects for its MIME type.
func richContent(r reflect.Value, kind resultKind) (any, bool) {
	r = unwrap(r)
	if !r.IsValid() {
		return nil, false
	}
	switch kind {
	case kindString:
		if r.Kind() != reflect.String {
			return nil, false
		}
		return r.String(), true
	case kindBytes:
		if r.Kind() != reflect.Slice || r.Type().Elem().Kind() != reflect.Uint8 {
			return nil, false
		}
		return base64.StdEncoding.EncodeToString(r.Bytes()), true
	default:
		if !r.CanInterface() {
			return nil, false
		}
		j, err := normalizeJSON(r.Interface())
		return j, err == nil
	}
}

// normalizeJSON round-trips x through encoding/json so that the bundle holds
// only maps, slices, strings, numbers, bools and nil, and so that a value
// that cannot be encoded is found here rather than when the message is sent.
func normalizeJSON(x any) (any, error) {
	b, err := json.Marshal(x)
	if err != nil {
		return nil, fmt.Errorf("encode JSON: %w", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("decode JSON: %w", err)
	}
	return out, nil
}

// call calls v's method name (no arguments, one result): through reflect
// for compiled types, trying the pointer receiver on a copy, else through
// o.Method. It reports false when v has no such method or the call panics.
func (o *Options) call(v reflect.Value, name string) (r reflect.Value, ok bool) {
	if m, found := methodByName(v, name); found {
		return safeCall(m)
	}
	if o.Method == nil {
		return reflect.Value{}, false
	}
	defer func() {
		if recover() != nil {
			r, ok = reflect.Value{}, false
		}
	}()
	return o.Method(v, name)
}

// methodByName finds a callable method with no arguments and one result.
func methodByName(v reflect.Value, name string) (reflect.Value, bool) {
	if !v.IsValid() || !v.CanInterface() {
		return reflect.Value{}, false
	}
	m := v.MethodByName(name)
	if !m.IsValid() && v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		m = p.MethodByName(name)
	}
	if !m.IsValid() || m.Type().NumIn() != 0 || m.Type().NumOut() != 1 {
		return reflect.Value{}, false
	}
	return m, true
}

// safeCall calls m, turning a panic (a nil receiver, say) into false.
func safeCall(m reflect.Value) (r reflect.Value, ok bool) {
	defer func() {
		if recover() != nil {
			r, ok = reflect.Value{}, false
		}
	}()
	return m.Call(nil)[0], true
}
