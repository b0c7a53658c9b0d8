package mime

import (
	"cmp"
	"reflect"
	"slices"
)

// sortedKeys returns the keys of map v in order: numbers, strings and
// booleans by value, other keys by their text, so that output is stable.
func sortedKeys(v reflect.Value, o *Options) []reflect.Value {
	keys := v.MapKeys()
	switch v.Type().Key().Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Uint(), b.Uint()) })
	case reflect.Float32, reflect.Float64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Float(), b.Float()) })
	case reflect.String:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
	case reflect.Bool:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(boolInt(a.Bool()), boolInt(b.Bool())) })
	default:
		byText(keys, o)
	}
	return keys
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// byText sorts keys by their text/plain form.
func byText(keys []reflect.Value, o *Options) {
	text := make(map[int]string, len(keys))
	idx := make([]int, len(keys))
	for i, k := range keys {
		idx[i] = i
		text[i] = o.Text(k)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(text[a], text[b]) })
	sorted := make([]reflect.Value, len(keys))
	for i, j := range idx {
		sorted[i] = keys[j]
	}
	copy(keys, sorted)
}
