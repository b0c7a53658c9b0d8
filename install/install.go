// Package install writes and removes the Jupyter kernelspec that makes
// front ends (JupyterLab, Notebook, nbclient, jupyter_client) find this
// kernel: a directory NAME holding kernel.json and the logos, placed in a
// kernels/ folder that Jupyter searches.
package install

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// DefaultName is the kernel name front ends show in their kernel lists
// and that `--kernel go` selects.
const DefaultName = "go"

// Options say which kernelspec to write and where. At most one of User,
// SysPrefix and Prefix may be set; none means User.
type Options struct {
	Name string // kernel name; DefaultName when empty

	User      bool   // the user's Jupyter data directory
	SysPrefix bool   // the active virtualenv or conda environment
	Prefix    string // PREFIX/share/jupyter/kernels

	// Executable is the binary kernel.json runs; when empty it is this
	// process's executable with symlinks resolved, so the spec keeps
	// working when started from another directory.
	Executable string
	// DisplayName is what front ends show; "Go" when empty.
	DisplayName string
}

// Spec is the content of kernel.json.
type Spec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Metadata      map[string]any `json:"metadata"`
}

// validName is what jupyter_client accepts as a kernel name.
var validName = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// Install writes the kernelspec and returns the directory it wrote.
// An existing spec of the same name is replaced.
func Install(opts Options) (string, error) {
	dir, err := SpecDir(opts)
	if err != nil {
		return "", err
	}
	spec, err := newSpec(opts)
	if err != nil {
		return "", err
	}
	if err := writeSpec(dir, spec); err != nil {
		return "", fmt.Errorf("install kernelspec in %s: %w", dir, err)
	}
	return dir, nil
}

// Uninstall removes the kernelspec named name from the location opts
// select and returns the directory it removed.
func Uninstall(name string, opts Options) (string, error) {
	opts.Name = name
	dir, err := SpecDir(opts)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("no kernelspec %q in %s", opts.name(), filepath.Dir(dir))
		}
		return "", fmt.Errorf("uninstall kernelspec: %w", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", fmt.Errorf("uninstall kernelspec: %w", err)
	}
	return dir, nil
}

func (o Options) name() string {
	if o.Name == "" {
		return DefaultName
	}
	return o.Name
}

func newSpec(opts Options) (Spec, error) {
	exe := opts.Executable
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return Spec{}, fmt.Errorf("find own executable: %w", err)
		}
	}
	exe, err := resolve(exe)
	if err != nil {
		return Spec{}, err
	}
	display := opts.DisplayName
	if display == "" {
		display = "Go"
	}
	return Spec{
		Argv:          []string{exe, "kernel", "--connection-file", "{connection_file}"},
		DisplayName:   display,
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{},
	}, nil
}

// resolve makes exe absolute and follows symlinks, so that kernel.json
// does not depend on the directory Jupyter starts the kernel in.
func resolve(exe string) (string, error) {
	abs, err := filepath.Abs(exe)
	if err != nil {
		return "", fmt.Errorf("resolve executable %s: %w", exe, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("resolve executable %s: %w", exe, err)
	}
	return real, nil
}

func writeSpec(dir string, spec Spec) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	for name, content := range logos() {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
