package mime_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"testing"

	"gokernel/engine/mime"
)

type Table struct{ Rows int }

func (t Table) HTML() string     { return "<table></table>" }
func (t Table) Markdown() string { return "| a |" }

type Chart struct{}

func (Chart) JSON() any { return map[string]int{"n": 1} }

type BadJSON struct{}

func (BadJSON) JSON() any { return make(chan int) }

type Panicky struct{}

func (*Panicky) HTML() string { panic("nil receiver") }

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBundle(t *testing.T) {
	png3x4 := pngBytes(t, 3, 4)
	var nilPanicky *Panicky
	tests := []struct {
		name     string
		v        any
		wantData map[string]any
		wantMeta map[string]any
	}{
		{"plain", []int{1}, map[string]any{"text/plain": "[]int{1}"}, nil},
		{"html and markdown", Table{2}, map[string]any{
			"text/plain":    "mime_test.Table{Rows:2}",
			"text/html":     "<table></table>",
			"text/markdown": "| a |",
		}, nil},
		{"json", Chart{}, map[string]any{
			"text/plain":       "mime_test.Chart{}",
			"application/json": map[string]any{"n": float64(1)},
		}, nil},
		{"json that cannot encode is left out", BadJSON{}, map[string]any{"text/plain": "mime_test.BadJSON{}"}, nil},
		{"panicking method is left out", nilPanicky, map[string]any{"text/plain": "(*mime_test.Panicky)(nil)"}, nil},
		{"marker html", mime.HTML("<b>x</b>"), map[string]any{"text/plain": "<b>x</b>", "text/html": "<b>x</b>"}, nil},
		{"marker markdown", mime.Markdown("# T"), map[string]any{"text/plain": "# T", "text/markdown": "# T"}, nil},
		{"marker latex", mime.LaTeX("$x$"), map[string]any{"text/plain": "$x$", "text/latex": "$x$"}, nil},
		{"marker svg", mime.SVG("<svg/>"), map[string]any{"text/plain": "SVG image, 6 bytes", "image/svg+xml": "<svg/>"}, nil},
		{"marker json", mime.JSON{V: []int{1, 2}}, map[string]any{
			"text/plain":       "[\n  1,\n  2\n]",
			"application/json": []any{float64(1), float64(2)},
		}, nil},
		{"marker png", mime.PNG(png3x4), map[string]any{
			"text/plain": "PNG image 3×4",
			"image/png":  base64.StdEncoding.EncodeToString(png3x4),
		}, map[string]any{"image/png": map[string]any{"width": 3, "height": 4}}},
		{"marker jpeg not decodable", mime.JPEG("xx"), map[string]any{
			"text/plain": "JPEG image, 2 bytes",
			"image/jpeg": base64.StdEncoding.EncodeToString([]byte("xx")),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, meta := mime.Bundle(reflect.ValueOf(tt.v))
			if !reflect.DeepEqual(data, tt.wantData) {
				t.Errorf("data = %#v, want %#v", data, tt.wantData)
			}
			if !reflect.DeepEqual(meta, tt.wantMeta) {
				t.Errorf("metadata = %#v, want %#v", meta, tt.wantMeta)
			}
		})
	}
}

func TestBundleImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	data, meta := mime.Bundle(reflect.ValueOf(img))
	if got, want := data["text/plain"], "image.RGBA 3×2"; got != want {
		t.Errorf("text/plain = %q, want %q", got, want)
	}
	b, err := base64.StdEncoding.DecodeString(data["image/png"].(string))
	if err != nil {
		t.Fatalf("image/png is not base64: %v", err)
	}
	back, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/png does not decode: %v", err)
	}
	if r, _, _, _ := back.At(1, 1).RGBA(); r != 0xffff {
		t.Errorf("pixel (1,1) red = %#x, want 0xffff", r)
	}
	want := map[string]any{"image/png": map[string]any{"width": 3, "height": 2}}
	if !reflect.DeepEqual(meta, want) {
		t.Errorf("metadata = %v, want %v", meta, want)
	}
}

// interpretedPoint is a struct type as yaegi makes one for
// `type Point struct{X int; name string}`: unnamed, unexported fields
// exported with an X prefix.
var interpretedPoint = reflect.StructOf([]reflect.StructField{
	{Name: "X", Type: reflect.TypeFor[int]()},
	{Name: "Xname", Type: reflect.TypeFor[string]()},
})

func TestBundleInterpreted(t *testing.T) {
	v := reflect.New(interpretedPoint).Elem()
	v.Field(0).SetInt(1)
	v.Field(1).SetString("p")
	ptrs := reflect.MakeSlice(reflect.SliceOf(reflect.PointerTo(interpretedPoint)), 1, 1)
	ptrs.Index(0).Set(v.Addr())
	named := mime.Options{
		TypeName: func(t reflect.Type) string {
			if t == interpretedPoint {
				return "main.Point"
			}
			return ""
		},
		Method: func(v reflect.Value, name string) (reflect.Value, bool) {
			if v.Type() == interpretedPoint && name == "HTML" {
				return reflect.ValueOf("<p>" + v.Field(1).String() + "</p>"), true
			}
			return reflect.Value{}, false
		},
	}
	tests := []struct {
		name string
		opts mime.Options
		v    reflect.Value
		want map[string]any
	}{
		{"no hooks", mime.Options{}, v, map[string]any{"text/plain": `struct{X int; name string}{X:1, name:"p"}`}},
		{"named", named, v, map[string]any{"text/plain": `main.Point{X:1, name:"p"}`, "text/html": "<p>p</p>"}},
		{"slice of pointers", named, ptrs, map[string]any{"text/plain": `[]*main.Point{{X:1, name:"p"}}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := tt.opts.Bundle(tt.v)
			if !reflect.DeepEqual(data, tt.want) {
				t.Errorf("data = %#v, want %#v", data, tt.want)
			}
		})
	}
}
