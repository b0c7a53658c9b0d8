package mime

// HTML is HTML source shown as text/html.
type HTML string

// HTML returns h.
func (h HTML) HTML() string { return string(h) }

// SVG is an SVG document shown as image/svg+xml.
type SVG string

// SVG returns s.
func (s SVG) SVG() string { return string(s) }

// Markdown is Markdown source shown as text/markdown.
type Markdown string

// Markdown returns m.
func (m Markdown) Markdown() string { return string(m) }

// LaTeX is LaTeX source shown as text/latex, e.g. `$e^{i\pi} = -1$`.
type LaTeX string

// LaTeX returns l.
func (l LaTeX) LaTeX() string { return string(l) }

// JSON is a value shown as application/json.
type JSON struct{ V any }

// JSON returns j.V.
func (j JSON) JSON() any { return j.V }

// PNG is an encoded PNG image shown as image/png.
type PNG []byte

// PNG returns p.
func (p PNG) PNG() []byte { return p }

// JPEG is an encoded JPEG image shown as image/jpeg.
type JPEG []byte

// JPEG returns j.
func (j JPEG) JPEG() []byte { return j }
