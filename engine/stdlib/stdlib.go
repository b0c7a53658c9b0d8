// Package stdlib holds the symbol tables of the standard library that cells
// can import, generated with `yaegi extract` for the Go toolchain that builds
// the kernel (yaegi's bundled tables stop at go1.22).
package stdlib

import "reflect"

//go:generate ./gen.sh

// Symbols maps "path/name" to the exported symbols of a package, the format
// interp.Use expects.
var Symbols = map[string]map[string]reflect.Value{}

// MapTypes tells the interpreter which interfaces a value handed to some
// functions (fmt.Println, json.Marshal, ...) may implement, so interpreted
// types with a String or MarshalJSON method are honoured.
var MapTypes = map[reflect.Value][]reflect.Type{}

func init() {
	Symbols["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(MapTypes)}
}
