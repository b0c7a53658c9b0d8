//go:build race

package engine

// raceEnabled makes checkpoints load the word atomically under the race
// detector, which would report every plain read of it.
const raceEnabled = true
