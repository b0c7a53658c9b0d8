package complete

import (
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
)

// IsComplete says whether code is ready to run: "complete" when it parses
// as a cell (imports, declarations and statements in any order), after its
// leading magic lines; "incomplete", with the indent of the next line, when
// it stops inside brackets, a raw string or a comment, or after a token
// that cannot end a statement (an operator, a comma); "invalid" otherwise.
// Empty code, a cell magic (%%name) and help requests (name?) are complete.
func IsComplete(code string) (status, indent string) {
	code = stripMagics(code)
	trimmed := strings.TrimSpace(code)
	if trimmed == "" || strings.HasPrefix(trimmed, "%%") || isHelp(trimmed) {
		return "complete", ""
	}
	if parses(code) {
		return "complete", ""
	}
	s := scan(code)
	switch {
	case s.unbalanced:
		return "invalid", ""
	case s.openString:
		return "incomplete", ""
	case s.continues || len(s.open) > 0 && parses(code+closers(s.open)):
		return "incomplete", strings.Repeat("    ", max(len(s.open), 1))
	}
	return "invalid", ""
}

// stripMagics drops the magic lines (%name …) at the top of a cell; a cell
// magic (%%name) is kept so that IsComplete can see it.
func stripMagics(code string) string {
	for {
		line, rest, _ := strings.Cut(code, "\n")
		t := strings.TrimSpace(line)
		if t == "" && rest != "" || strings.HasPrefix(t, "%") && !strings.HasPrefix(t, "%%") {
			code = rest
			if rest == "" {
				return ""
			}
			continue
		}
		return code
	}
}

// isHelp reports whether code is a help request: ?name, name? or name??.
func isHelp(code string) bool {
	return !strings.Contains(code, "\n") && (strings.HasPrefix(code, "?") || strings.HasSuffix(code, "?"))
}

// parses reports whether code parses as a cell: as a file body, as
// statements, or as a sequence of top-level units each of which is one or
// the other (imports, then statements, then a func, …).
func parses(code string) bool {
	if parsesAlone(code) {
		return true
	}
	units := splitUnits(code)
	if len(units) < 2 {
		return false
	}
	for _, u := range units {
		if !parsesAlone(u) {
			return false
		}
	}
	return true
}

// parsesAlone reports whether code parses as a file body or as statements.
func parsesAlone(code string) bool {
	fset := token.NewFileSet()
	if _, err := parser.ParseFile(fset, "", "package main\n"+code, parser.SkipObjectResolution); err == nil {
		return true
	}
	_, err := parser.ParseFile(fset, "", "package main\nfunc _() {\n"+code+"\n}", parser.SkipObjectResolution)
	return err == nil
}

// splitUnits cuts code at the line ends where Go ends a top-level
// statement or declaration: outside brackets, where a semicolon is
// inserted.
func splitUnits(code string) []string {
	src := []byte(code)
	file := token.NewFileSet().AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	var units []string
	depth, start := 0, 0
	for {
		pos, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			return append(units, code[start:])
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.SEMICOLON:
			if depth == 0 && lit == "\n" {
				end := file.Offset(pos)
				units = append(units, code[start:end])
				start = end
			}
		}
	}
}

// closers returns the brackets that close open, innermost first.
func closers(open []token.Token) string {
	var b strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		b.WriteString("\n")
		switch open[i] {
		case token.LPAREN:
			b.WriteString(")")
		case token.LBRACK:
			b.WriteString("]")
		default:
			b.WriteString("}")
		}
	}
	return b.String()
}

// scanState is what the tokens of a cell say about its end.
type scanState struct {
	open       []token.Token // brackets not yet closed
	unbalanced bool          // a bracket closed that was not open
	openString bool          // a raw string or comment runs to the end
	continues  bool          // the last token cannot end a statement
}

func scan(code string) scanState {
	var st scanState
	src := []byte(code)
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(_ token.Position, msg string) {
		if strings.Contains(msg, "raw string literal not terminated") ||
			strings.Contains(msg, "comment not terminated") {
			st.openString = true
		}
	}, 0)
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue // inserted at a line end: not written by the user
		}
		last = tok
		st.bracket(tok)
	}
	st.continues = continues(last)
	return st
}

var opener = map[token.Token]token.Token{
	token.RPAREN: token.LPAREN,
	token.RBRACK: token.LBRACK,
	token.RBRACE: token.LBRACE,
}

// bracket tracks opening and closing brackets.
func (st *scanState) bracket(tok token.Token) {
	switch tok {
	case token.LPAREN, token.LBRACK, token.LBRACE:
		st.open = append(st.open, tok)
	case token.RPAREN, token.RBRACK, token.RBRACE:
		n := len(st.open)
		if n == 0 || st.open[n-1] != opener[tok] {
			st.unbalanced = true
			return
		}
		st.open = st.open[:n-1]
	}
}

// continues reports whether a line ending with tok goes on to the next:
// Go inserts no semicolon after it, and it cannot end a statement.
func continues(tok token.Token) bool {
	switch {
	case tok.IsOperator():
		switch tok {
		case token.RPAREN, token.RBRACK, token.RBRACE, token.INC, token.DEC, token.SEMICOLON, token.COLON:
			return false
		}
		return true
	case tok == token.ILLEGAL:
		return false
	case tok.IsKeyword():
		switch tok {
		case token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN:
			return false
		}
		return true
	}
	return false
}
