package install

import _ "embed" // for the logo files

// The logo files are drawn by internal/logo and written by `go generate`;
// they are embedded so the binary installs its kernelspec on its own.
var (
	//go:embed logo-32x32.png
	logo32 []byte
	//go:embed logo-64x64.png
	logo64 []byte
	//go:embed logo-svg.svg
	logoSVG []byte
)

// logos maps the file names Jupyter looks for to their content.
func logos() map[string][]byte {
	return map[string][]byte{
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
		"logo-svg.svg":   logoSVG,
	}
}
