package install

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"gokernel/install/internal/logo"
)

func TestInstallPrefixWritesSpec(t *testing.T) {
	prefix := t.TempDir()
	exe := fakeExecutable(t)
	dir, err := Install(Options{Prefix: prefix, Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(prefix, "share", "jupyter", "kernels", "go")
	if dir != want {
		t.Fatalf("dir = %s, want %s", dir, want)
	}
	spec := readSpec(t, dir)
	realExe, _ := filepath.EvalSymlinks(exe)
	wantArgv := []string{realExe, "kernel", "--connection-file", "{connection_file}"}
	if strings.Join(spec.Argv, "\x00") != strings.Join(wantArgv, "\x00") {
		t.Errorf("argv = %q, want %q", spec.Argv, wantArgv)
	}
	if spec.DisplayName != "Go" || spec.Language != "go" || spec.InterruptMode != "message" {
		t.Errorf("spec = %+v", spec)
	}
	if spec.Metadata == nil { // a missing or null metadata stays nil
		t.Error("metadata must be an object")
	}
}

func TestInstallResolvesSymlinkedExecutable(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	exe := fakeExecutable(t)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(exe, link); err != nil {
		t.Fatal(err)
	}
	dir, err := Install(Options{Prefix: t.TempDir(), Executable: link})
	if err != nil {
		t.Fatal(err)
	}
	got := readSpec(t, dir).Argv[0]
	want, _ := filepath.EvalSymlinks(exe)
	if got != want {
		t.Errorf("argv[0] = %s, want the link's target %s", got, want)
	}
}

func TestInstallDefaultsToOwnExecutable(t *testing.T) {
	dir, err := Install(Options{Prefix: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	self, _ := os.Executable()
	self, _ = filepath.EvalSymlinks(self)
	if got := readSpec(t, dir).Argv[0]; got != self {
		t.Errorf("argv[0] = %s, want %s", got, self)
	}
}

func TestInstallLogos(t *testing.T) {
	dir, err := Install(Options{Prefix: t.TempDir(), Executable: fakeExecutable(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{32, 64} {
		name := filepath.Join(dir, "logo-"+itoa(size)+"x"+itoa(size)+".png")
		img := decodePNG(t, name)
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("%s is %dx%d", name, b.Dx(), b.Dy())
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "logo-svg.svg"))
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, data)
}

// The embedded files must be what the drawing code makes today: this
// fails when the design changes and `go generate ./install` was not run.
func TestEmbeddedLogosAreCurrent(t *testing.T) {
	for size, data := range map[int][]byte{32: logo32, 64: logo64} {
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("embedded %d px logo: %v", size, err)
		}
		want := logo.Draw(size)
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				if g, w := img.At(x, y), want.At(x, y); !sameColor(g, w) {
					t.Fatalf("%d px logo differs at (%d,%d): %v vs %v; run go generate ./install", size, x, y, g, w)
				}
			}
		}
	}
	if !bytes.Equal(logoSVG, logo.SVG()) {
		t.Error("embedded SVG logo is stale; run go generate ./install")
	}
}

func TestInstallReplacesExisting(t *testing.T) {
	prefix := t.TempDir()
	if _, err := Install(Options{Prefix: prefix, Executable: fakeExecutable(t), DisplayName: "Old"}); err != nil {
		t.Fatal(err)
	}
	dir, err := Install(Options{Prefix: prefix, Executable: fakeExecutable(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := readSpec(t, dir).DisplayName; got != "Go" {
		t.Errorf("display name = %q after reinstall", got)
	}
}

func TestUninstall(t *testing.T) {
	prefix := t.TempDir()
	dir, err := Install(Options{Prefix: prefix, Name: "go-test", Executable: fakeExecutable(t)})
	if err != nil {
		t.Fatal(err)
	}
	removed, err := Uninstall("go-test", Options{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	if removed != dir {
		t.Errorf("removed %s, installed %s", removed, dir)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("spec dir still there: %v", err)
	}
	if _, err := Uninstall("go-test", Options{Prefix: prefix}); err == nil {
		t.Error("second uninstall succeeded; want an error naming the missing spec")
	}
}

func TestUserLocation(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	dir, err := Install(Options{User: true, Name: "gotest", Executable: fakeExecutable(t)})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(data, "kernels", "gotest"); dir != want {
		t.Errorf("dir = %s, want %s", dir, want)
	}
	// No location flag means the user directory too.
	if d, _ := SpecDir(Options{Name: "gotest"}); d != dir {
		t.Errorf("default location = %s, want %s", d, dir)
	}
}

func TestUserDataDirPlatformDefault(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "")
	home := t.TempDir()
	t.Setenv("HOME", home)
	got, err := UserDataDir()
	if err != nil {
		t.Fatal(err)
	}
	var want string
	switch runtime.GOOS {
	case "darwin":
		want = filepath.Join(home, "Library", "Jupyter")
	case "linux":
		want = filepath.Join(home, ".local", "share", "jupyter")
	default:
		t.Skip("no expectation for " + runtime.GOOS)
	}
	if got != want {
		t.Errorf("UserDataDir() = %s, want %s", got, want)
	}
}

func TestSysPrefix(t *testing.T) {
	venv := t.TempDir()
	t.Setenv("VIRTUAL_ENV", venv)
	t.Setenv("CONDA_PREFIX", "")
	dir, err := SpecDir(Options{SysPrefix: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(venv, "share", "jupyter", "kernels", "go"); dir != want {
		t.Errorf("dir = %s, want %s", dir, want)
	}
	t.Setenv("VIRTUAL_ENV", "")
	if _, err := SpecDir(Options{SysPrefix: true}); err == nil {
		t.Error("--sys-prefix without an environment succeeded")
	}
}

func TestBadOptions(t *testing.T) {
	for _, opts := range []Options{
		{User: true, Prefix: "x"},
		{User: true, SysPrefix: true},
		{Prefix: "x", Name: "../escape"},
		{Prefix: "x", Name: "has space"},
	} {
		if _, err := Install(opts); err == nil {
			t.Errorf("Install(%+v) succeeded", opts)
		}
	}
}

func fakeExecutable(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "gokernel")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func readSpec(t *testing.T, dir string) Spec {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec Spec
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatalf("kernel.json: %v", err)
	}
	return spec
}

func decodePNG(t *testing.T, name string) image.Image {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return img
}

func checkSVG(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("logo-svg.svg is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Space + " " + se.Name.Local
		}
	}
	if root != "http://www.w3.org/2000/svg svg" {
		t.Errorf("root element = %q, want svg in the SVG namespace", root)
	}
}

func sameColor(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func itoa(n int) string { return strconv.Itoa(n) }
