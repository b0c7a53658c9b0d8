package mime

import (
	"reflect"
)

// Options tunes Bundle for values the interpreter made.
type Options struct {
	// TypeName names a type reflect cannot name, such as the unnamed struct
	// types yaegi makes for interpreted named types. It returns "" when it
	// does not know t; nil means no such names.
	TypeName func(t reflect.Type) string
	// Method calls v's method name, which takes no arguments and returns one
	// value, when v has it; ok is false when it does not. It is asked only
	// for methods reflect cannot see. nil means interpreted methods are not
	// called.
	Method func(v reflect.Value, name string) (result reflect.Value, ok bool)
	// MaxItems is how many items of one slice, array, map or struct are
	// shown before …(N more); 0 means 1000.
	MaxItems int
	// MaxText is about how many bytes of text/plain are written before the
	// rest is cut; 0 means 64 KiB.
	MaxText int
}

const (
	defaultMaxItems = 1000
	defaultMaxText  = 64 << 10
)

func (o *Options) maxItems() int {
	if o.MaxItems > 0 {
		return o.MaxItems
	}
	return defaultMaxItems
}

func (o *Options) maxText() int {
	if o.MaxText > 0 {
		return o.MaxText
	}
	return defaultMaxText
}

// Bundle returns the MIME bundle of v: "text/plain" always, and the rich
// types v offers. metadata is nil unless a rich type has some (image sizes).
// An invalid v (a nil interface) is shown as nil.
func Bundle(v reflect.Value) (data, metadata map[string]any) {
	return Options{}.Bundle(v)
}

// Bundle is Bundle with the options o.
func (o Options) Bundle(v reflect.Value) (data, metadata map[string]any) {
	v = unwrap(v)
	data = map[string]any{}
	metadata = map[string]any{}
	if text, ok := markerText(v); ok {
		data[textPlain] = text
	} else {
		data[textPlain] = o.Text(v)
	}
	o.addRich(v, data, metadata)
	if len(metadata) == 0 {
		metadata = nil
	}
	return data, metadata
}

// unwrap returns the dynamic value inside interface values.
func unwrap(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Interface {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}
