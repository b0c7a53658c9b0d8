package notebook

import "strings"

// fence is an opening code fence: ``` or ~~~ (three or more), then an
// info string.
type fence struct {
	char byte
	size int
	info string
}

// openFence parses line as an opening fence at column 0.
func openFence(line string) (fence, bool) {
	if len(line) < 3 || (line[0] != '`' && line[0] != '~') {
		return fence{}, false
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 {
		return fence{}, false
	}
	info := strings.TrimSpace(line[n:])
	if line[0] == '`' && strings.Contains(info, "`") {
		return fence{}, false // CommonMark: not a fence
	}
	return fence{char: line[0], size: n, info: info}, true
}

// closes reports whether line closes f: the same character, at least as
// many, nothing else but spaces.
func (f fence) closes(line string) bool {
	t := strings.TrimRight(line, " \t")
	if len(t) < f.size {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != f.char {
			return false
		}
	}
	return true
}

// body returns the lines after the opening fence at lines[0] up to its
// closing fence, and the number of lines consumed (closing fence included).
// An unclosed fence runs to the end, as in CommonMark.
func (f fence) body(lines []string) ([]string, int) {
	for i := 1; i < len(lines); i++ {
		if f.closes(lines[i]) {
			return lines[1:i], i + 1
		}
	}
	return lines[1:], len(lines)
}

// fenceFor returns a backtick fence longer than any backtick run that starts
// a line of src, so src cannot close it.
func fenceFor(src string) string {
	size := 3
	for _, line := range strings.Split(src, "\n") {
		n := 0
		for n < len(line) && line[n] == '`' {
			n++
		}
		if n >= size {
			size = n + 1
		}
	}
	return strings.Repeat("`", size)
}
