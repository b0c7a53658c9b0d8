package notebook

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// splitFrontMatter takes the YAML front matter (between a first line "---"
// and the next "---") off lines. It returns the parsed front matter (nil if
// there is none) and the remaining lines.
func splitFrontMatter(lines []string) (map[string]any, []string, error) {
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t") != "---" {
		return nil, lines, nil
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t") != "---" {
			continue
		}
		meta, err := parseYAMLMap(strings.Join(lines[1:i], "\n"))
		if err != nil {
			return nil, nil, fmt.Errorf("front matter: %w", err)
		}
		return meta, lines[i+1:], nil
	}
	return nil, nil, fmt.Errorf("front matter: no closing ---")
}

// parseYAMLMap parses a YAML mapping; empty text is an empty map.
func parseYAMLMap(text string) (map[string]any, error) {
	m := map[string]any{}
	if err := yaml.Unmarshal([]byte(text), &m); err != nil {
		return nil, err
	}
	return m, nil
}

// notebookMetadata turns front matter into notebook metadata. jupytext's
// plain markdown format nests the metadata under "jupyter"; MyST keeps it at
// the top level.
func notebookMetadata(fm map[string]any) map[string]any {
	meta := map[string]any{}
	for k, v := range fm {
		if k == "jupyter" {
			continue
		}
		meta[k] = v
	}
	if nested, ok := fm["jupyter"].(map[string]any); ok {
		for k, v := range nested {
			meta[k] = v
		}
	}
	return meta
}

// formatName is jupytext.text_representation.format_name, or "".
func formatName(meta map[string]any) string {
	jt, _ := meta["jupytext"].(map[string]any)
	tr, _ := jt["text_representation"].(map[string]any)
	name, _ := tr["format_name"].(string)
	return name
}
