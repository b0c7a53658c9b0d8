package notebook

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// ReadMarkdown reads a jupytext markdown notebook. It is read as MyST when
// the front matter says format_name: myst or a {code-cell} fence appears;
// otherwise as plain markdown, where each ```go fence is a code cell and the
// text between fences is a markdown cell.
func ReadMarkdown(r io.Reader) (*Notebook, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read markdown: %w", err)
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	fm, lines, err := splitFrontMatter(lines)
	if err != nil {
		return nil, fmt.Errorf("read markdown: %w", err)
	}
	p := &mdParser{nb: New()}
	if fm != nil {
		p.nb.Metadata = notebookMetadata(fm)
	}
	p.myst = formatName(p.nb.Metadata) == "myst" || hasCodeCellFence(lines)
	if err := p.parse(lines); err != nil {
		return nil, fmt.Errorf("read markdown: %w", err)
	}
	p.nb.EnsureIDs()
	return p.nb, nil
}

func hasCodeCellFence(lines []string) bool {
	for _, l := range lines {
		if f, ok := openFence(l); ok && strings.HasPrefix(f.info, "{code-cell}") {
			return true
		}
	}
	return false
}

// mdParser collects markdown lines until a cell fence or a +++ break ends
// the markdown cell.
type mdParser struct {
	nb   *Notebook
	myst bool
	text []string       // markdown lines not yet in a cell
	meta map[string]any // metadata from +++ for the next markdown cell
	line int            // 1-based number of the line being parsed, for errors
}

// cellBreak matches MyST's markdown cell break, with optional JSON metadata.
var cellBreak = regexp.MustCompile(`^\+\+\+\s*(.*)$`)

func (p *mdParser) parse(lines []string) error {
	for i := 0; i < len(lines); {
		p.line = i + 1
		line := lines[i]
		if m := cellBreak.FindStringSubmatch(line); p.myst && m != nil {
			if err := p.cellBreak(m[1]); err != nil {
				return err
			}
			i++
			continue
		}
		f, ok := openFence(line)
		if !ok {
			p.text = append(p.text, line)
			i++
			continue
		}
		body, n := f.body(lines[i:])
		if t, ok := p.cellType(f.info); ok {
			if err := p.fencedCell(t, body); err != nil {
				return err
			}
		} else {
			p.text = append(p.text, lines[i:i+n]...)
		}
		i += n
	}
	p.flush()
	return nil
}

// cellType says which cell a fence with this info string opens, if any.
func (p *mdParser) cellType(info string) (CellType, bool) {
	word, _, _ := strings.Cut(info, " ")
	switch {
	case p.myst && word == "{code-cell}":
		return Code, true
	case p.myst && word == "{raw-cell}":
		return Raw, true
	case !p.myst && word == "go":
		return Code, true
	}
	return "", false
}

func (p *mdParser) cellBreak(rest string) error {
	p.flush()
	if rest = strings.TrimSpace(rest); rest == "" {
		return nil
	}
	meta := map[string]any{}
	if err := json.Unmarshal([]byte(rest), &meta); err != nil {
		return fmt.Errorf("line %d: cell metadata after +++: %w", p.line, err)
	}
	p.meta = meta
	return nil
}

func (p *mdParser) fencedCell(t CellType, body []string) error {
	p.flush()
	meta := map[string]any{}
	if p.myst {
		var err error
		if meta, body, err = cellOptions(body); err != nil {
			return fmt.Errorf("line %d: cell options: %w", p.line, err)
		}
	}
	c := NewCell(t, strings.Join(body, "\n"))
	c.Metadata = meta
	p.nb.Cells = append(p.nb.Cells, c)
	return nil
}

// flush turns the pending markdown lines into a cell. Blank lines around
// the text separate cells and are not part of them. A +++ with metadata
// makes a cell even when no text follows.
func (p *mdParser) flush() {
	text := trimBlankLines(p.text)
	meta := p.meta
	p.text, p.meta = nil, nil
	if len(text) == 0 && meta == nil {
		return
	}
	c := NewCell(Markdown, strings.Join(text, "\n"))
	if meta != nil {
		c.Metadata = meta
	}
	p.nb.Cells = append(p.nb.Cells, c)
}

func trimBlankLines(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// option matches a MyST directive option line, ":key: value".
var option = regexp.MustCompile(`^:([A-Za-z_][\w.-]*):\s*(.*)$`)

// cellOptions takes a MyST directive's options off the top of a cell body:
// either a YAML block between --- lines or ":key: value" lines, then one
// blank line.
func cellOptions(body []string) (map[string]any, []string, error) {
	if len(body) > 0 && strings.TrimSpace(body[0]) == "---" {
		for j := 1; j < len(body); j++ {
			if strings.TrimSpace(body[j]) == "---" {
				meta, err := parseYAMLMap(strings.Join(body[1:j], "\n"))
				return meta, body[j+1:], err
			}
		}
	}
	var yamlLines []string
	n := 0
	for ; n < len(body); n++ {
		m := option.FindStringSubmatch(body[n])
		if m == nil {
			break
		}
		yamlLines = append(yamlLines, m[1]+": "+m[2])
	}
	if n == 0 {
		return map[string]any{}, body, nil
	}
	meta, err := parseYAMLMap(strings.Join(yamlLines, "\n"))
	rest := body[n:]
	if len(rest) > 0 && strings.TrimSpace(rest[0]) == "" {
		rest = rest[1:]
	}
	return meta, rest, err
}
