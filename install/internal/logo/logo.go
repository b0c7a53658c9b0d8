// Package logo draws the kernel's logo: a cyan rounded square with the
// letters "Go" built from plain shapes (an open ring with a bar for the G,
// a ring for the o). The same geometry is rendered as PNG at any size and
// as SVG, so the three files Jupyter shows always agree.
package logo

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// The design lives on a 64×64 canvas; Draw scales it.
const canvas = 64.0

var (
	background = color.NRGBA{R: 0x00, G: 0xAD, B: 0xD8, A: 0xFF} // Go cyan
	foreground = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
)

// Geometry, in canvas units.
const (
	cornerRadius = 14.0

	gX, gY      = 21.0, 32.0 // centre of the G ring
	gRadius     = 12.0       // radius of the ring's centre line
	gStroke     = 7.0
	gGapDegrees = 60.0 // opening at the upper right, above the bar
	gBarStart   = 23.0 // the bar runs from here to the ring's outer edge

	oX, oY  = 48.0, 35.0
	oRadius = 8.0
	oStroke = 6.0
)

// samples per pixel side for anti-aliasing.
const samples = 4

// Draw renders the logo as a size×size image with a transparent outside.
func Draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := canvas / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			img.SetNRGBA(px, py, pixel(px, py, scale))
		}
	}
	return img
}

// pixel averages samples×samples points inside one pixel.
func pixel(px, py int, scale float64) color.NRGBA {
	var cover, letter float64
	for sy := 0; sy < samples; sy++ {
		for sx := 0; sx < samples; sx++ {
			x := (float64(px) + (float64(sx)+0.5)/samples) * scale
			y := (float64(py) + (float64(sy)+0.5)/samples) * scale
			if !inRoundedSquare(x, y) {
				continue
			}
			cover++
			if inLetters(x, y) {
				letter++
			}
		}
	}
	if cover == 0 {
		return color.NRGBA{}
	}
	t := letter / cover // share of the covered area that is letter
	return color.NRGBA{
		R: mix(background.R, foreground.R, t),
		G: mix(background.G, foreground.G, t),
		B: mix(background.B, foreground.B, t),
		A: uint8(math.Round(255 * cover / (samples * samples))),
	}
}

func mix(a, b uint8, t float64) uint8 {
	return uint8(math.Round(float64(a)*(1-t) + float64(b)*t))
}

func inRoundedSquare(x, y float64) bool {
	// Distance from the inner square shrunk by the corner radius.
	dx := math.Max(0, math.Abs(x-canvas/2)-(canvas/2-cornerRadius))
	dy := math.Max(0, math.Abs(y-canvas/2)-(canvas/2-cornerRadius))
	return dx*dx+dy*dy <= cornerRadius*cornerRadius
}

func inLetters(x, y float64) bool {
	return inG(x, y) || inRing(x, y, oX, oY, oRadius, oStroke)
}

func inRing(x, y, cx, cy, r, stroke float64) bool {
	d := math.Hypot(x-cx, y-cy)
	return math.Abs(d-r) <= stroke/2
}

func inG(x, y float64) bool {
	if inRing(x, y, gX, gY, gRadius, gStroke) {
		// Angle measured clockwise on screen from the +x axis.
		a := math.Atan2(y-gY, x-gX) * 180 / math.Pi
		if a < 0 {
			a += 360
		}
		if a <= 360-gGapDegrees {
			return true
		}
	}
	inBarX := x >= gBarStart && x <= gX+gRadius+gStroke/2
	return inBarX && math.Abs(y-gY) <= gStroke/2
}

// SVG returns the same design as a 64×64 SVG document.
func SVG() []byte {
	end := (360 - gGapDegrees) * math.Pi / 180
	ex, ey := gX+gRadius*math.Cos(end), gY+gRadius*math.Sin(end)
	return []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <title>Go kernel</title>
  <rect width="64" height="64" rx="%g" fill="%s"/>
  <g fill="none" stroke="%s">
    <path d="M %g %g A %g %g 0 1 1 %.3f %.3f" stroke-width="%g"/>
    <circle cx="%g" cy="%g" r="%g" stroke-width="%g"/>
  </g>
  <rect x="%g" y="%g" width="%g" height="%g" fill="%s"/>
</svg>
`,
		cornerRadius, hex(background),
		hex(foreground),
		gX+gRadius, gY, gRadius, gRadius, ex, ey, gStroke,
		oX, oY, oRadius, oStroke,
		gBarStart, gY-gStroke/2, gX+gRadius+gStroke/2-gBarStart, gStroke, hex(foreground)))
}

func hex(c color.NRGBA) string {
	return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
}
