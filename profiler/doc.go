// Package profiler is a deterministic call profiler for interpreted code,
// in the manner of Python's cProfile.
//
// Code that is profiled calls Enter with a function's FuncID at every
// function entry and Exit when it returns. The profiler keeps one shadow
// stack per goroutine and a call tree under it; when profiling stops, the
// trees of all goroutines merge into a Profile, from which come
//
//   - Stats: per function and per caller→callee edge, total and primitive
//     (non-recursive) calls, own time and cumulative time, printed in the
//     layout of Python's pstats;
//   - a pprof profile (WritePprof) that `go tool pprof` reads;
//   - a flame graph (FlameGraph) as SVG.
//
// The hooks avoid maps and locks shared between goroutines: a goroutine
// finds its state through a cache and a lock-free table keyed by its
// runtime descriptor, and a call costs a child lookup in the tree, a push
// or pop, and one clock read.
package profiler
