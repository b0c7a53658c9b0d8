//go:build race

package rewrite

// maxChunk stays at the floor under the race detector, which makes each
// interpreted step some twenty times slower: the time between checkpoints,
// and so the lateness of a forced switch, stays what it is in a normal
// build.
const maxChunk = minChunk
