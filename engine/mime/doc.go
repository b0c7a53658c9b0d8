// Package mime turns Go values into Jupyter MIME bundles, the way IPython
// turns Python objects into reprs.
//
// Every bundle has "text/plain". It is Go syntax, as %#v writes it but
// friendlier:
//
//   - strings are quoted ("gopher"), nil is nil, interface{} is any;
//   - composite literals elide element types where Go allows it:
//     []main.Point{{X:1, Y:2}}, map[string]int{"a":1, "b":2} (keys sorted);
//   - a pointer to a struct, slice, array or map shows as &T{...};
//   - byte slices show as []byte("text") when they hold printable UTF-8;
//   - long containers show their first items then …(N more), long strings
//     their first bytes, and the whole text stays within a budget, so a
//     slice of ten million elements does not flood the front end;
//   - unexported fields of interpreted structs, which yaegi renames Xname,
//     show as name.
//
// Values of compiled (host) types are shown as fmt.Println shows them when
// they have a String method: time.Duration as 1.5s, time.Time, *big.Int,
// net.IP, image.Rectangle and the like. An error shows its message with its
// type, as error("boom") for the anonymous error types of errors.New and
// fmt.Errorf and as *fs.PathError("open x: no such file or directory")
// otherwise. Values of interpreted types are always shown by structure:
// reflect cannot see their methods.
//
// Rich types are added next to text/plain:
//
//   - image.Image → image/png, with text/plain "image.RGBA 100×100";
//   - a value with a method HTML() string → text/html, SVG() string →
//     image/svg+xml, Markdown() string → text/markdown, LaTeX() string →
//     text/latex, JSON() any → application/json, PNG() []byte → image/png,
//     JPEG() []byte → image/jpeg (binary types base64-encoded, as Jupyter
//     wants them).
//
// The types HTML, SVG, Markdown, LaTeX, JSON, PNG and JPEG of this package
// carry those methods, so code that already knows what a value is can mark
// it. Interpreted methods are invisible to reflect; Options.Method lets the
// interpreter call them instead.
package mime
