package engine

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gokernel/engine/mime"
	"gokernel/magics"
)

func (s *Session) whoMagic() magics.Magic {
	return magics.Func{
		MagicName: "who", MagicKind: magics.LineMagic,
		Synopsis: "%who [TYPE ...]",
		Help:     "List the variables cells defined, sorted; with TYPEs (int, main.Point), only those of these types.",
		Fn:       s.who,
	}
}

func (s *Session) whosMagic() magics.Magic {
	return magics.Func{
		MagicName: "whos", MagicKind: magics.LineMagic,
		Synopsis: "%whos [TYPE ...]",
		Help:     "Like %who, as a table of each variable's name, type and value.",
		Fn:       s.whos,
	}
}

// sessionVar is one variable cells defined.
type sessionVar struct {
	name, typ string
	value     reflect.Value
}

// variables are the session's variables, sorted by name, of the given
// types if any. Names starting with _ are the engine's or hidden by choice.
func (s *Session) variables(types []string) []sessionVar {
	globals := s.globals()
	s.decl.mu.Lock()
	var names []string
	for n, text := range s.decl.names {
		if strings.HasPrefix(text, "var ") && !strings.HasPrefix(n, "_") {
			names = append(names, n)
		}
	}
	s.decl.mu.Unlock()
	sort.Strings(names)
	var out []sessionVar
	for _, n := range names {
		v, ok := globals[n]
		if !ok || !v.IsValid() {
			continue
		}
		sv := sessionVar{name: n, typ: s.goTypeName(v.Type()), value: v}
		if len(types) == 0 || contains(types, sv.typ) {
			out = append(out, sv)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const emptyNamespace = "Interactive namespace is empty.\n"

func (s *Session) who(env magics.Env, call magics.Call, _ string) error {
	vars := s.variables(strings.Fields(call.Args))
	if len(vars) == 0 {
		env.Stdout(emptyNamespace)
		return nil
	}
	var b strings.Builder
	for i, v := range vars {
		// IPython's layout: a tab after each name, nine names a line.
		b.WriteString(v.name + "\t ")
		if i%9 == 8 {
			b.WriteString("\n")
		}
	}
	env.Stdout(strings.TrimRight(b.String(), " \t\n") + "\n")
	return nil
}

func (s *Session) whos(env magics.Env, call magics.Call, _ string) error {
	vars := s.variables(strings.Fields(call.Args))
	if len(vars) == 0 {
		env.Stdout(emptyNamespace)
		return nil
	}
	const colsep = 3
	varWidth, typeWidth := len("Variable"), len("Type")
	for _, v := range vars {
		varWidth = max(varWidth, utf8.RuneCountInString(v.name))
		typeWidth = max(typeWidth, utf8.RuneCountInString(v.typ))
	}
	varWidth += colsep
	typeWidth += colsep
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s%-*s Data/Info\n%s\n", varWidth, "Variable", typeWidth, "Type",
		strings.Repeat("-", varWidth+typeWidth+len("Data/Info")+1))
	for _, v := range vars {
		fmt.Fprintf(&b, "%-*s%-*s %s\n", varWidth, v.name, typeWidth, v.typ, s.shortValue(v.value))
	}
	env.Stdout(b.String())
	return nil
}

// shortValue is a value on one line of at most about 50 characters, cut in
// the middle as IPython's %whos cuts it.
func (s *Session) shortValue(v reflect.Value) string {
	text := s.mimeOptions().Text(v)
	text = strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", " ")), " ")
	r := []rune(text)
	if len(r) > 50 {
		return string(r[:25]) + "<...>" + string(r[len(r)-25:])
	}
	return text
}

// goTypeName names t as Go source would, with the names of interpreted
// types.
func (s *Session) goTypeName(t reflect.Type) string {
	if n := s.mg.types.name(t); n != "" {
		return n
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + s.goTypeName(t.Elem())
	case reflect.Slice:
		return "[]" + s.goTypeName(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + s.goTypeName(t.Elem())
	case reflect.Map:
		return "map[" + s.goTypeName(t.Key()) + "]" + s.goTypeName(t.Elem())
	}
	return typeString(t)
}

// mimeOptions render values with the names and methods of interpreted types.
func (s *Session) mimeOptions() mime.Options {
	return mime.Options{TypeName: s.mg.types.name, Method: s.mg.types.method}
}
