package logo

import (
	"image/color"
	"testing"
)

func TestDrawShapes(t *testing.T) {
	img := Draw(64)
	cases := []struct {
		name string
		x, y int
		want color.NRGBA
	}{
		{"outside the rounded corner", 0, 0, color.NRGBA{}},
		{"background", 32, 4, background},
		{"left of the G ring", int(gX - gRadius), int(gY), foreground},
		{"G bar", int(gBarStart) + 4, int(gY), foreground},
		{"gap of the G", int(gX + gRadius), int(gY - gRadius/2 - 1), background},
		{"inside the o", int(oX), int(oY), background},
		{"bottom of the o", int(oX), int(oY + oRadius), foreground},
	}
	for _, c := range cases {
		if got := img.NRGBAAt(c.x, c.y); got != c.want {
			t.Errorf("%s (%d,%d) = %v, want %v", c.name, c.x, c.y, got, c.want)
		}
	}
}

func TestDrawScales(t *testing.T) {
	for _, size := range []int{16, 32, 64, 128} {
		if b := Draw(size).Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("Draw(%d) is %v", size, b)
		}
	}
}
