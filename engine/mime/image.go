package mime

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"reflect"
	"strings"

	_ "image/gif"  // so that imageSize knows GIF
	_ "image/jpeg" // so that imageSize knows JPEG
)

var imageType = reflect.TypeFor[image.Image]()

// asImage returns v as an image.Image when its type implements it.
func asImage(v reflect.Value) (image.Image, bool) {
	if !v.CanInterface() || !v.Type().Implements(imageType) {
		return nil, false
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, false
	}
	img, ok := v.Interface().(image.Image)
	return img, ok
}

// addImage encodes img as image/png into data, with its size in metadata.
func addImage(img image.Image, data, metadata map[string]any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("encode PNG: %v", r)
		}
	}()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode PNG: %w", err)
	}
	data["image/png"] = base64.StdEncoding.EncodeToString(buf.Bytes())
	b := img.Bounds()
	metadata["image/png"] = map[string]any{"width": b.Dx(), "height": b.Dy()}
	return nil
}

// imageText is the text/plain of an image: its type and size.
func imageText(t reflect.Type, img image.Image) string {
	b := img.Bounds()
	return fmt.Sprintf("%s %d×%d", strings.TrimPrefix(t.String(), "*"), b.Dx(), b.Dy())
}

// imageSize reads the width and height of an encoded image, for the
// metadata Jupyter uses to size it.
func imageSize(b []byte) (map[string]any, bool) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, false
	}
	return map[string]any{"width": cfg.Width, "height": cfg.Height}, true
}
