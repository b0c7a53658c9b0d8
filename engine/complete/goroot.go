package complete

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// goroot finds the Go installation whose sources document the standard
// library: $GOROOT, the GOROOT this program was built with, or what
// `go env GOROOT` says. It returns "" when none has sources.
var goroot = sync.OnceValue(func() string {
	for _, find := range []func() string{
		func() string { return os.Getenv("GOROOT") },
		runtime.GOROOT, //nolint:staticcheck // a fallback: trimmed builds return ""
		goEnvGOROOT,
	} {
		if dir := find(); dir != "" && hasSources(dir) {
			return dir
		}
	}
	return ""
})

func goEnvGOROOT() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func hasSources(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "src", "fmt", "print.go"))
	return err == nil
}
