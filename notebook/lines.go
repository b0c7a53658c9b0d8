package notebook

import (
	"encoding/json"
	"fmt"
	"strings"
)

// splitLines splits s after each newline, as Python's str.splitlines(True)
// does for "\n"-terminated text; nbformat stores multiline strings so.
func splitLines(s string) []string {
	lines := []string{}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// multiline decodes a JSON value that is a string or a list of strings.
func multiline(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []string
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", fmt.Errorf("want a string or a list of strings: %w", err)
	}
	return strings.Join(parts, ""), nil
}

// isJSONMime reports whether a MIME type holds a JSON value rather than text.
func isJSONMime(mime string) bool {
	return mime == "application/json" ||
		(strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json"))
}

// splitMime reports whether nbformat writes a MIME type's string as lines.
func splitMime(mime string) bool {
	return strings.HasPrefix(mime, "text/") ||
		mime == "application/javascript" || mime == "image/svg+xml"
}

// joinBundle turns list-of-lines values of non-JSON types back into strings.
func joinBundle(data map[string]any) map[string]any {
	for k, v := range data {
		list, ok := v.([]any)
		if !ok || isJSONMime(k) {
			continue
		}
		var b strings.Builder
		allStrings := true
		for _, item := range list {
			s, ok := item.(string)
			if !ok {
				allStrings = false
				break
			}
			b.WriteString(s)
		}
		if allStrings {
			data[k] = b.String()
		}
	}
	return data
}

// splitBundle returns a copy of data with text values split into lines.
func splitBundle(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		if s, ok := v.(string); ok && splitMime(k) {
			out[k] = splitLines(s)
			continue
		}
		out[k] = v
	}
	return out
}
