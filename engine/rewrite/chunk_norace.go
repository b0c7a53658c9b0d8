//go:build !race

package rewrite

const maxChunk = 1024
