package notebook

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ReadFile reads a notebook, choosing the format by extension: .ipynb is
// nbformat JSON; .md, .markdown and .myst are jupytext markdown.
func ReadFile(path string) (*Notebook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".ipynb":
		nb, err := ReadIPYNB(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nb, nil
	case ".md", ".markdown", ".myst":
		nb, err := ReadMarkdown(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return nb, nil
	default:
		return nil, fmt.Errorf("%s: unknown notebook format %q (want .ipynb or .md)", path, ext)
	}
}

// WriteFile writes nb to path as .ipynb or MyST .md, by extension. It writes
// a temporary file first and renames it, so a failed write leaves any
// previous file intact.
func (nb *Notebook) WriteFile(path string) error {
	var buf bytes.Buffer
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".ipynb":
		err = nb.WriteIPYNB(&buf)
	case ".md", ".markdown", ".myst":
		err = nb.WriteMyST(&buf)
	default:
		err = fmt.Errorf("unknown notebook format %q (want .ipynb or .md)", ext)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
