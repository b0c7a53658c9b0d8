package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// Signer signs and verifies messages with HMAC-SHA256 over the header,
// parent header, metadata and content frames. A Signer with an empty key
// (or a nil *Signer) neither signs nor checks, as Jupyter specifies.
type Signer struct {
	key  []byte
	pool sync.Pool // of hash.Hash; hmac.New allocates its two inner hashes
}

// NewSigner returns a signer for the connection file's signature_scheme
// and key. Only hmac-sha256 is supported, as in every Jupyter client in use.
func NewSigner(scheme, key string) (*Signer, error) {
	if key == "" {
		return &Signer{}, nil
	}
	if scheme != "hmac-sha256" && scheme != "" {
		return nil, fmt.Errorf("unsupported signature scheme %q", scheme)
	}
	s := &Signer{key: []byte(key)}
	s.pool.New = func() any { return hmac.New(sha256.New, s.key) }
	return s, nil
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return s != nil && len(s.key) > 0 }

// Sign returns the hex signature of frames ("" when signing is off).
func (s *Signer) Sign(frames ...[]byte) []byte {
	if !s.Enabled() {
		return nil
	}
	sum := s.mac(frames)
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Verify reports whether sig is the hex signature of frames, comparing in
// constant time. With signing off every signature is accepted.
func (s *Signer) Verify(sig []byte, frames ...[]byte) bool {
	if !s.Enabled() {
		return true
	}
	want := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(want, sig); err != nil {
		return false
	}
	return hmac.Equal(want, s.mac(frames))
}

func (s *Signer) mac(frames [][]byte) []byte {
	h := s.pool.Get().(hash.Hash)
	h.Reset()
	for _, f := range frames {
		h.Write(f)
	}
	sum := h.Sum(nil)
	s.pool.Put(h)
	return sum
}
