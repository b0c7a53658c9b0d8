package profiler

// sample is a hand-built profile with known times: recursion, a closure,
// native calls from two callers, and ties for the stable sort to keep.
func sample() *Profile {
	funcs := []Func{
		{File: "cell[2]", Line: 1, Name: "main"},
		{File: "cell[1]", Line: 3, Name: "fib"},
		{File: "cell[2]", Line: 5, Name: "<func literal>"},
		{Name: "strings.Split", Native: true},
		{File: "cell[1]", Line: 9, Name: "(*T).M"},
	}
	return built(funcs,
		pathSpec{[]string{"main"}, 1, 97 * 5_123_789},
		pathSpec{[]string{"main", "fib"}, 1, 97 * 3_000_500},
		pathSpec{[]string{"main", "fib", "fib"}, 2, 97 * 2_345_678},
		pathSpec{[]string{"main", "fib", "fib", "fib"}, 2, 97 * 499_500},
		pathSpec{[]string{"main", "<func literal>"}, 4, 97 * 1_004_999},
		pathSpec{[]string{"main", "<func literal>", "strings.Split"}, 4, 97 * 400_000},
		pathSpec{[]string{"main", "strings.Split"}, 1, 97 * 123_456},
		pathSpec{[]string{"main", "(*T).M"}, 3, 97 * 123_456},
	)
}
