// Package timeline shows how goroutines shared the interpreter lock while a
// piece of code ran: the picture from talks on Python's GIL, threads taking
// turns under the lock and running side by side once it is released.
//
// [Record] runs a function under Go's execution tracer (runtime/trace, into
// a buffer) with the lock's event ring on, and measures the process's CPU
// time around it. The trace says, per goroutine, when it ran, when it was
// blocked and why (channel, select, sleep, sync, I/O); the lock's events say
// when it held the lock, waited for it, or ran with it released. [Build]
// merges the two into a [Timeline]: a [Row] per goroutine, each a sequence of
// non-overlapping [Segment]s of one [Kind].
//
// A Timeline renders as an SVG picture ([Timeline.SVG]), a summary table
// ([Timeline.Summary], as HTML or text) and a text picture for consoles
// ([Timeline.Text]). [Compare] draws two timelines on one time scale, with
// the speedup of the second over the first.
package timeline
