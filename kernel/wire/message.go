package wire

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
)

// ProtocolVersion is the Jupyter messaging protocol version this package
// speaks; it goes into every header.
const ProtocolVersion = "5.3"

// Delimiter separates routing identities from the message proper.
var Delimiter = []byte("<IDS|MSG>")

// Header is a message header. A zero Header encodes as {} (an empty parent).
type Header struct {
	MsgID    string `json:"msg_id,omitempty"`
	Session  string `json:"session,omitempty"`
	Username string `json:"username,omitempty"`
	Date     string `json:"date,omitempty"`
	MsgType  string `json:"msg_type,omitempty"`
	Version  string `json:"version,omitempty"`
}

// Message is one Jupyter message. Metadata and Content stay raw JSON so a
// message passes through without being decoded twice.
type Message struct {
	// Identities are the routing frames before the delimiter; a ROUTER
	// socket needs them to address the reply.
	Identities   [][]byte
	Header       Header
	ParentHeader Header
	Metadata     json.RawMessage
	Content      json.RawMessage
	Buffers      [][]byte
}

// Session is this process's session id; every message it creates carries it.
var Session = NewID()

var username = func() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "gokernel"
}()

// NewID returns a random (version 4) UUID.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported systems
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

// Now formats the current time as Jupyter dates are: ISO 8601 with
// microseconds and a time zone.
func Now() string {
	return time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00")
}

// NewMessage builds a message of msgType in reply to parent (nil for none).
// content is encoded as JSON unless it is already a json.RawMessage; nil
// content becomes {}.
func NewMessage(msgType string, parent *Header, content any) (Message, error) {
	m := Message{
		Header: Header{
			MsgID:    NewID(),
			Session:  Session,
			Username: username,
			Date:     Now(),
			MsgType:  msgType,
			Version:  ProtocolVersion,
		},
	}
	if parent != nil {
		m.ParentHeader = *parent
	}
	switch c := content.(type) {
	case nil:
		m.Content = emptyObject
	case json.RawMessage:
		m.Content = c
	default:
		b, err := json.Marshal(content)
		if err != nil {
			return m, fmt.Errorf("encode %s content: %w", msgType, err)
		}
		m.Content = b
	}
	return m, nil
}

// Unmarshal decodes the message's content into v.
func (m Message) Unmarshal(v any) error {
	if err := json.Unmarshal(m.Content, v); err != nil {
		return fmt.Errorf("decode %s content: %w", m.Header.MsgType, err)
	}
	return nil
}

var emptyObject = json.RawMessage("{}")

// Encode turns msg into ZeroMQ frames: identities, delimiter, signature,
// header, parent header, metadata, content, buffers.
func Encode(msg Message, s *Signer) [][]byte {
	header := marshalHeader(msg.Header)
	parent := marshalHeader(msg.ParentHeader)
	meta, content := orEmpty(msg.Metadata), orEmpty(msg.Content)
	frames := make([][]byte, 0, len(msg.Identities)+6+len(msg.Buffers))
	frames = append(frames, msg.Identities...)
	frames = append(frames, Delimiter, s.Sign(header, parent, meta, content))
	frames = append(frames, header, parent, meta, content)
	return append(frames, msg.Buffers...)
}

func orEmpty(b json.RawMessage) []byte {
	if len(b) == 0 {
		return emptyObject
	}
	return b
}

func marshalHeader(h Header) []byte {
	b, err := json.Marshal(h)
	if err != nil {
		panic(fmt.Sprintf("encode header: %v", err)) // only strings: cannot fail
	}
	return b
}

// Errors Decode returns; test them with errors.Is.
var (
	ErrNoDelimiter  = errors.New("wire: no <IDS|MSG> delimiter")
	ErrShortMessage = errors.New("wire: fewer than four frames after the signature")
	ErrBadSignature = errors.New("wire: bad signature")
)

// Decode parses frames received from a socket. Everything before the
// delimiter is routing identity. The signature is checked before any JSON
// is decoded.
func Decode(frames [][]byte, s *Signer) (Message, error) {
	var m Message
	i := indexDelimiter(frames)
	if i < 0 {
		return m, ErrNoDelimiter
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return m, ErrShortMessage
	}
	if !s.Verify(rest[0], rest[1], rest[2], rest[3], rest[4]) {
		return m, ErrBadSignature
	}
	if err := json.Unmarshal(rest[1], &m.Header); err != nil {
		return m, fmt.Errorf("wire: decode header: %w", err)
	}
	if err := json.Unmarshal(rest[2], &m.ParentHeader); err != nil {
		return m, fmt.Errorf("wire: decode parent header: %w", err)
	}
	if m.Header.MsgType == "" {
		return m, errors.New("wire: header has no msg_type")
	}
	if !json.Valid(rest[3]) || !json.Valid(rest[4]) {
		return m, errors.New("wire: metadata or content is not JSON")
	}
	m.Identities = frames[:i]
	m.Metadata = rest[3]
	m.Content = rest[4]
	if len(rest) > 5 {
		m.Buffers = rest[5:]
	}
	return m, nil
}

func indexDelimiter(frames [][]byte) int {
	for i, f := range frames {
		if bytes.Equal(f, Delimiter) {
			return i
		}
	}
	return -1
}
