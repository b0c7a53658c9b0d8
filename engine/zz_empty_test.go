package engine

import "testing"

func BenchmarkZZEmpty(b *testing.B) {
	s := notebookSession(b)
	b.ReportAllocs()
	for range b.N {
		mustRun(b, s, "")
	}
}

func BenchmarkZZConst(b *testing.B) {
	s := notebookSession(b)
	b.ReportAllocs()
	for range b.N {
		mustRun(b, s, "2")
	}
}
