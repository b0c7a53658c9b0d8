// Command gen writes the logo files that package install embeds:
// logo-32x32.png, logo-64x64.png and logo-svg.svg, into the current
// directory. Run it with `go generate ./install`.
package main

import (
	"bytes"
	"fmt"
	"image/png"
	"log"
	"os"

	"gokernel/install/internal/logo"
)

func main() {
	for _, size := range []int{32, 64} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, logo.Draw(size)); err != nil {
			log.Fatalf("encode %d×%d logo: %v", size, size, err)
		}
		write(fmt.Sprintf("logo-%dx%d.png", size, size), buf.Bytes())
	}
	write("logo-svg.svg", logo.SVG())
}

func write(name string, data []byte) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		log.Fatalf("write %s: %v", name, err)
	}
}
