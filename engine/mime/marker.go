package mime

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// markerText is the text/plain of this package's own types: the source for
// text formats (the fallback a text-only front end prints), the indented
// document for JSON, and a short description for images.
func markerText(v reflect.Value) (string, bool) {
	if !v.IsValid() || !v.CanInterface() {
		return "", false
	}
	switch x := v.Interface().(type) {
	case HTML:
		return string(x), true
	case Markdown:
		return string(x), true
	case LaTeX:
		return string(x), true
	case SVG:
		return fmt.Sprintf("SVG image, %d bytes", len(x)), true
	case JSON:
		b, err := json.MarshalIndent(x.V, "", "  ")
		if err != nil {
			return fmt.Sprintf("JSON value that cannot be encoded: %v", err), true
		}
		return string(b), true
	case PNG:
		return encodedImageText("PNG", x), true
	case JPEG:
		return encodedImageText("JPEG", x), true
	}
	return "", false
}

func encodedImageText(format string, b []byte) string {
	size, ok := imageSize(b)
	if !ok {
		return fmt.Sprintf("%s image, %d bytes", format, len(b))
	}
	return fmt.Sprintf("%s image %d×%d", format, size["width"], size["height"])
}
