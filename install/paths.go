package install

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// SpecDir returns the kernelspec directory opts select:
// KERNELS/NAME where KERNELS is the kernels folder of the chosen location.
func SpecDir(opts Options) (string, error) {
	name := opts.name()
	if !validName.MatchString(name) {
		return "", fmt.Errorf("invalid kernel name %q: use letters, digits, '.', '_' and '-'", name)
	}
	kernels, err := kernelsDir(opts)
	if err != nil {
		return "", err
	}
	return filepath.Join(kernels, name), nil
}

func kernelsDir(opts Options) (string, error) {
	chosen := 0
	for _, set := range []bool{opts.User, opts.SysPrefix, opts.Prefix != ""} {
		if set {
			chosen++
		}
	}
	if chosen > 1 {
		return "", errors.New("choose at most one of --user, --sys-prefix and --prefix")
	}
	switch {
	case opts.Prefix != "":
		return prefixKernels(opts.Prefix)
	case opts.SysPrefix:
		prefix, err := sysPrefix()
		if err != nil {
			return "", err
		}
		return prefixKernels(prefix)
	default:
		data, err := UserDataDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(data, "kernels"), nil
	}
}

func prefixKernels(prefix string) (string, error) {
	abs, err := filepath.Abs(prefix)
	if err != nil {
		return "", fmt.Errorf("prefix %s: %w", prefix, err)
	}
	return filepath.Join(abs, "share", "jupyter", "kernels"), nil
}

// sysPrefix is the active Python environment, which Jupyter run from it
// searches as sys.prefix: a virtualenv first, then a conda environment.
func sysPrefix() (string, error) {
	for _, env := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if p := os.Getenv(env); p != "" {
			return p, nil
		}
	}
	return "", errors.New("--sys-prefix needs an active Python environment (VIRTUAL_ENV or CONDA_PREFIX is unset); use --user or --prefix DIR")
}

// UserDataDir is Jupyter's per-user data directory, as jupyter_core
// computes it: $JUPYTER_DATA_DIR, else the platform's default.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the Jupyter data directory: %w", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if appdata := os.Getenv("APPDATA"); appdata != "" {
			return filepath.Join(appdata, "jupyter"), nil
		}
		return filepath.Join(home, "AppData", "Roaming", "jupyter"), nil
	default:
		if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
			return filepath.Join(xdg, "jupyter"), nil
		}
		return filepath.Join(home, ".local", "share", "jupyter"), nil
	}
}
