package notebook

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
)

// validID is the cell id pattern of the nbformat 4.5 schema.
var validID = regexp.MustCompile(`^[a-zA-Z0-9-_]{1,64}$`)

// EnsureIDs gives every cell a valid id that no other cell has, keeping the
// ids that already are. New ids derive from the cell's position and source,
// so converting the same markdown twice gives the same ids and regenerated
// notebooks diff cleanly.
func (nb *Notebook) EnsureIDs() {
	seen := map[string]bool{}
	for i, c := range nb.Cells {
		for salt := 0; !validID.MatchString(c.ID) || seen[c.ID]; salt++ {
			c.ID = stableID(i, salt, c.Source)
		}
		seen[c.ID] = true
	}
}

func stableID(index, salt int, source string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%d/%s", index, salt, source)))
	return hex.EncodeToString(sum[:4])
}
