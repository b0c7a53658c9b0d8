package magics

import (
	"fmt"
	"strings"
	"unicode"
)

// Split splits s into words as a POSIX shell does: whitespace separates
// words, single quotes keep everything, double quotes keep everything but
// backslash escapes, and a backslash outside quotes escapes the next rune.
func Split(s string) ([]string, error) {
	var (
		words   []string
		cur     strings.Builder
		inWord  bool
		quote   rune
		escaped bool
	)
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"':
			switch r {
			case '"':
				quote = 0
			case '\\':
				escaped = true
			default:
				cur.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case unicode.IsSpace(r):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c quote", quote)
	}
	if escaped {
		return nil, fmt.Errorf("trailing backslash")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// Options are the flags given to a magic, as IPython's parse_options
// returns them: each flag's values in order ("" for a flag without value).
type Options map[string][]string

// Has reports whether flag was given.
func (o Options) Has(flag string) bool { _, ok := o[flag]; return ok }

// Last returns the last value given for flag, or def.
func (o Options) Last(flag, def string) string {
	if v := o[flag]; len(v) > 0 {
		return v[len(v)-1]
	}
	return def
}

// ParseOptions reads leading flags from args, in the style of getopt:
// spec lists the single-letter flags, a letter followed by ':' takes a
// value ("n:r:qo"); long names map to their single-letter or long
// meaning the same way ("gil:", "compare"). Parsing stops at the first
// word that is not a flag, or after "--"; the rest of args is returned
// verbatim, so Go code in it keeps its quoting.
func ParseOptions(args string, spec string, long ...string) (Options, string, error) {
	short := map[string]bool{} // flag → takes a value
	for i := 0; i < len(spec); i++ {
		takes := i+1 < len(spec) && spec[i+1] == ':'
		short[spec[i:i+1]] = takes
		if takes {
			i++
		}
	}
	longs := map[string]bool{}
	for _, l := range long {
		name, takes := strings.CutSuffix(l, ":")
		longs[name] = takes
	}
	opts := Options{}
	rest := args
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		word, after := nextWord(rest)
		if word == "--" {
			return opts, strings.TrimLeftFunc(after, unicode.IsSpace), nil
		}
		name, takes, ok := lookupFlag(word, short, longs)
		if !ok {
			if strings.HasPrefix(word, "-") && len(word) > 1 && !isNumber(word) {
				return nil, "", fmt.Errorf("unknown option %s", word)
			}
			return opts, rest, nil
		}
		rest = after
		value := ""
		if takes {
			rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
			if value, rest = nextWord(rest); value == "" {
				return nil, "", fmt.Errorf("option %s needs a value", word)
			}
			if uq, err := Split(value); err == nil && len(uq) == 1 {
				value = uq[0]
			}
		}
		opts[name] = append(opts[name], value)
	}
}

func lookupFlag(word string, short, longs map[string]bool) (name string, takes, ok bool) {
	if l, found := strings.CutPrefix(word, "--"); found && l != "" {
		takes, ok = longs[l]
		return l, takes, ok
	}
	if s, found := strings.CutPrefix(word, "-"); found && len(s) == 1 {
		takes, ok = short[s]
		return s, takes, ok
	}
	return "", false, false
}

// nextWord returns the first whitespace-separated word of s (quotes kept)
// and what follows it.
func nextWord(s string) (word, rest string) {
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case unicode.IsSpace(r):
			return s[:i], s[i:]
		}
	}
	return s, ""
}

func isNumber(s string) bool {
	for _, r := range s[1:] {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}
