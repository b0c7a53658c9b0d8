package engine

import (
	"go/scanner"
	"go/token"
)

// span is a byte range [start, end) of a cell's code.
type span struct{ start, end int }

// tok is one token of a cell, as the scanner saw it.
type tok struct {
	off int
	tok token.Token
	lit string
}

// splitCell finds the top-level declarations of a cell (import, func, method,
// type, var, const) among its statements. Statements are not valid at file
// level and function declarations are not valid in a block, so the two kinds
// are compiled apart; what is not a declaration is a statement.
func splitCell(code string) (decls []span) {
	toks := scan(code)
	depth := 0
	atStart := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth == 0 && atStart && isDeclStart(toks, i) {
			end := endOfDecl(toks, i, len(code))
			decls = append(decls, span{t.off, end.off})
			i = end.index
			atStart = true
			continue
		}
		depth += nesting(t.tok)
		atStart = depth == 0 && t.tok == token.SEMICOLON
	}
	return decls
}

func scan(code string) []tok {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(code))
	var s scanner.Scanner
	s.Init(file, []byte(code), nil, 0)
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			return toks
		}
		toks = append(toks, tok{file.Offset(pos), t, lit})
	}
}

func nesting(t token.Token) int {
	switch t {
	case token.LPAREN, token.LBRACE, token.LBRACK:
		return 1
	case token.RPAREN, token.RBRACE, token.RBRACK:
		return -1
	}
	return 0
}

// isDeclStart reports whether toks[i] starts a declaration that belongs at
// file level. `func` starts one when a name follows, or a receiver and then
// a name and a parameter list; otherwise it is a function literal.
func isDeclStart(toks []tok, i int) bool {
	switch toks[i].tok {
	case token.IMPORT, token.TYPE, token.CONST, token.VAR:
		return true
	case token.FUNC:
	default:
		return false
	}
	if i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].tok {
	case token.IDENT:
		return true
	case token.LPAREN:
		j := closing(toks, i+1)
		return j+2 < len(toks) && toks[j+1].tok == token.IDENT && toks[j+2].tok == token.LPAREN
	}
	return false
}

// closing returns the index of the token that closes the bracket at i.
func closing(toks []tok, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		depth += nesting(toks[j].tok)
		if depth == 0 {
			return j
		}
	}
	return len(toks) - 1
}

type declEnd struct{ index, off int }

// endOfDecl returns the semicolon that ends the declaration starting at i
// (or the end of the code).
func endOfDecl(toks []tok, i, size int) declEnd {
	depth := 0
	for j := i; j < len(toks); j++ {
		depth += nesting(toks[j].tok)
		if depth == 0 && toks[j].tok == token.SEMICOLON {
			return declEnd{j, toks[j].off}
		}
	}
	return declEnd{len(toks), size}
}

// blank returns code with the bytes outside (keep=true) or inside
// (keep=false) the spans replaced by spaces; newlines stay, so every byte
// keeps its line and column.
func blank(code string, spans []span, keep bool) string {
	b := []byte(code)
	in := make([]bool, len(b))
	for _, s := range spans {
		for k := s.start; k < s.end && k < len(b); k++ {
			in[k] = true
		}
	}
	for k := range b {
		if in[k] != keep && b[k] != '\n' {
			b[k] = ' '
		}
	}
	return string(b)
}
