package notebook

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"
)

// validID is the cell id pattern of the nbformat 4.5 schema.
var validID = regexp.MustCompile(`^[a-zA-Z0-9-_]{1,64}$`)

// NewID returns a random cell id in the style Jupyter uses (8 hex digits).
func NewID() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// EnsureIDs gives every cell a valid id that no other cell has, keeping the
// ids that already are.
func (nb *Notebook) EnsureIDs() {
	seen := map[string]bool{}
	for _, c := range nb.Cells {
		for !validID.MatchString(c.ID) || seen[c.ID] {
			c.ID = NewID()
		}
		seen[c.ID] = true
	}
}
