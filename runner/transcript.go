package runner

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// transcript prints a readable record of the run: each cell's source under
// its execution count, then its outputs as text. Rich outputs print their
// text/plain fallback, or a line such as "[image/png 12 KB]".
type transcript struct {
	w        io.Writer
	color    bool      // keep ANSI escapes (the output is a terminal)
	progress *progress // hidden while the transcript writes
	midLine  bool      // the last write did not end with a newline

	// lastDisplay is the display id of the last thing printed, so a
	// terminal can redraw a one-line display in place when it is updated.
	lastDisplay string
	lastOneLine bool // lastDisplay was printed on a single line
	// updates holds display updates not drawn in place, printed in their
	// final state when the current cell ends.
	updates     map[string]map[string]any
	updateOrder []string
}

func newTranscript(w io.Writer, color bool, p *progress) *transcript {
	return &transcript{w: w, color: color, progress: p, updates: map[string]map[string]any{}}
}

// write prints s, keeping the progress line out of its way.
func (t *transcript) write(s string) {
	if s == "" {
		return
	}
	if !t.color {
		s = stripANSI(s)
	}
	t.progress.hide()
	io.WriteString(t.w, s)
	t.midLine = !strings.HasSuffix(s, "\n")
	t.lastDisplay = ""
	if !t.midLine {
		t.progress.show()
	}
}

// line prints s on a line of its own.
func (t *transcript) line(s string) {
	if t.midLine {
		s = "\n" + s
	}
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	t.write(s)
}

// cell prints the header of a cell: "[3] " and its source, indented.
func (t *transcript) cell(count int, source string) {
	prefix := fmt.Sprintf("[%d] ", count)
	if count == 0 {
		prefix = "[ ] "
	}
	indent := strings.Repeat(" ", len(prefix))
	lines := strings.Split(strings.TrimRight(source, "\n"), "\n")
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(prefix)
		} else if l != "" {
			b.WriteString(indent)
		}
		b.WriteString(l)
		b.WriteString("\n")
	}
	t.line(b.String())
}

func (t *transcript) stream(text string) {
	t.write(text)
}

// rich prints a display_data or execute_result.
func (t *transcript) rich(data map[string]any, displayID string) {
	s := richText(data)
	t.line(s)
	t.lastDisplay = displayID
	t.lastOneLine = !strings.Contains(strings.TrimSuffix(s, "\n"), "\n")
}

// update handles update_display_data: a one-line display that was the last
// thing printed on a terminal is redrawn in place; other updates wait for
// the end of the cell, so a progress bar does not print a line per step.
func (t *transcript) update(id string, data map[string]any) {
	s := richText(data)
	if t.color && id != "" && id == t.lastDisplay && t.lastOneLine && !strings.Contains(s, "\n") {
		t.progress.hide()
		io.WriteString(t.w, "\x1b[1A\r\x1b[K"+s+"\n")
		t.progress.show()
		return
	}
	if _, seen := t.updates[id]; !seen {
		t.updateOrder = append(t.updateOrder, id)
	}
	t.updates[id] = data
}

// flushUpdates prints the final state of displays updated during the cell.
func (t *transcript) flushUpdates() {
	for _, id := range t.updateOrder {
		t.line(richText(t.updates[id]))
	}
	t.updates, t.updateOrder = map[string]map[string]any{}, nil
}

func (t *transcript) error(ename, evalue string, traceback []string) {
	if len(traceback) == 0 {
		t.line(ename + ": " + evalue)
		return
	}
	t.line(strings.Join(traceback, "\n"))
}

// richText is the text shown for a MIME bundle: text/plain, markdown or
// LaTeX when there is one, and a size line for each image; an image's size
// line replaces text/plain, which says nothing about it. A bundle with
// neither shows a size line per MIME type.
func richText(data map[string]any) string {
	var lines []string
	var images, others []string
	for mime := range data {
		if strings.HasPrefix(mime, "image/") {
			images = append(images, mime)
		} else if !strings.HasPrefix(mime, "text/plain") {
			others = append(others, mime)
		}
	}
	sort.Strings(images)
	sort.Strings(others)
	for _, mime := range images {
		lines = append(lines, sizeLine(mime, data[mime]))
	}
	for _, mime := range []string{"text/plain", "text/markdown", "text/latex"} {
		if s, ok := data[mime].(string); ok {
			if mime != "text/plain" || len(images) == 0 {
				lines = append([]string{strings.TrimRight(s, "\n")}, lines...)
			}
			break
		}
	}
	if len(lines) == 0 {
		for _, mime := range others {
			lines = append(lines, sizeLine(mime, data[mime]))
		}
	}
	return strings.Join(lines, "\n")
}

// sizeLine is "[image/png 12 KB]": the size of the content, decoded from
// base64 for binary types.
func sizeLine(mime string, v any) string {
	var n int
	switch v := v.(type) {
	case string:
		n = len(v)
		if isBase64Mime(mime) {
			if b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(v), "")); err == nil {
				n = len(b)
			}
		}
	default:
		b, _ := json.Marshal(v)
		n = len(b)
	}
	return fmt.Sprintf("[%s %s]", mime, humanSize(n))
}

func isBase64Mime(mime string) bool {
	return (strings.HasPrefix(mime, "image/") && mime != "image/svg+xml") ||
		mime == "application/pdf"
}

func humanSize(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 10*1024:
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

func stripANSI(s string) string { return ansi.ReplaceAllString(s, "") }
