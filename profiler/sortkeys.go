package profiler

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// field is one column pstats sorts on, with its direction.
type field struct {
	cmp  func(a, b *FuncStats) int // ascending
	desc bool
}

type sortKey struct {
	fields []field
	desc   string
}

var (
	byPrim  = field{func(a, b *FuncStats) int { return cmp.Compare(a.PrimCalls, b.PrimCalls) }, true}
	byCalls = field{func(a, b *FuncStats) int { return cmp.Compare(a.Calls, b.Calls) }, true}
	byTot   = field{func(a, b *FuncStats) int { return cmp.Compare(a.TotTime, b.TotTime) }, true}
	byCum   = field{func(a, b *FuncStats) int { return cmp.Compare(a.CumTime, b.CumTime) }, true}
	byFile  = field{func(a, b *FuncStats) int { return cmp.Compare(a.sortFile(), b.sortFile()) }, false}
	byLine  = field{func(a, b *FuncStats) int { return cmp.Compare(a.Line, b.Line) }, false}
	byName  = field{func(a, b *FuncStats) int { return cmp.Compare(a.sortName(), b.sortName()) }, false}
	byStd   = field{func(a, b *FuncStats) int { return cmp.Compare(a.String(), b.String()) }, false}
)

// sortKeys are pstats' sort_arg_dict_default, in its order (the order
// decides which abbreviations are ambiguous).
var sortKeys = []struct {
	name string
	key  sortKey
}{
	{"calls", sortKey{[]field{byCalls}, "call count"}},
	{"ncalls", sortKey{[]field{byCalls}, "call count"}},
	{"cumtime", sortKey{[]field{byCum}, "cumulative time"}},
	{"cumulative", sortKey{[]field{byCum}, "cumulative time"}},
	{"filename", sortKey{[]field{byFile}, "file name"}},
	{"line", sortKey{[]field{byLine}, "line number"}},
	{"module", sortKey{[]field{byFile}, "file name"}},
	{"name", sortKey{[]field{byName}, "function name"}},
	{"nfl", sortKey{[]field{byName, byFile, byLine}, "name/file/line"}},
	{"pcalls", sortKey{[]field{byPrim}, "primitive call count"}},
	{"stdname", sortKey{[]field{byStd}, "standard name"}},
	{"time", sortKey{[]field{byTot}, "internal time"}},
	{"tottime", sortKey{[]field{byTot}, "internal time"}},
}

// keyTable holds every key and every unique prefix of one, as pstats'
// get_sort_arg_defs builds it: a prefix shared by two keys is dropped.
var keyTable = func() map[string]sortKey {
	t := map[string]sortKey{}
	bad := map[string]bool{}
	for _, k := range sortKeys {
		for frag := k.name; frag != ""; frag = frag[:len(frag)-1] {
			if _, ok := t[frag]; ok {
				bad[frag] = true
				break
			}
			t[frag] = k.key
		}
	}
	for frag := range bad {
		delete(t, frag)
	}
	return t
}()

// SortKeys returns the sort keys Sort accepts in full.
func SortKeys() []string {
	names := make([]string, len(sortKeys))
	for i, k := range sortKeys {
		names[i] = k.name
	}
	return names
}

// Sort orders Funcs by keys, most significant first, as pstats'
// sort_stats does: times and counts descending, names ascending, ties in
// the previous order. A unique prefix of a key is accepted.
func (s *Stats) Sort(keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	var fields []field
	var descs []string
	for _, k := range keys {
		sk, ok := keyTable[k]
		if !ok {
			valid := SortKeys()
			sort.Strings(valid)
			return fmt.Errorf("unknown sort key %q (valid: %s)", k, strings.Join(valid, ", "))
		}
		fields = append(fields, sk.fields...)
		descs = append(descs, sk.desc)
	}
	slices.SortStableFunc(s.Funcs, func(a, b FuncStats) int {
		for _, f := range fields {
			c := f.cmp(&a, &b)
			if f.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	})
	s.SortType = strings.Join(descs, ", ")
	return nil
}

// Reverse reverses the order of Funcs.
func (s *Stats) Reverse() { slices.Reverse(s.Funcs) }
