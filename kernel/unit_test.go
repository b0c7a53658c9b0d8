package kernel

import (
	"encoding/json"
	"io"
	"log"
	"strconv"
	"sync"
	"testing"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func TestCursorConversion(t *testing.T) {
	s := "aé☺𝄞b" // 1, 2, 3, 4 and 1 bytes
	for _, tc := range []struct{ runes, bytes int }{
		{-1, 0}, {0, 0}, {1, 1}, {2, 3}, {3, 6}, {4, 10}, {5, 11}, {9, 11},
	} {
		if got := byteOffset(s, tc.runes); got != tc.bytes {
			t.Errorf("byteOffset(%d) = %d, want %d", tc.runes, got, tc.bytes)
		}
		if tc.runes >= 0 && tc.runes <= 5 {
			if got := runeOffset(s, tc.bytes); got != tc.runes {
				t.Errorf("runeOffset(%d) = %d, want %d", tc.bytes, got, tc.runes)
			}
		}
	}
	if got := runeOffset(s, 2); got != 1 { // inside é
		t.Errorf("runeOffset inside a character = %d, want 1", got)
	}
	if got := runeOffset(s, 99); got != 5 {
		t.Errorf("runeOffset past the end = %d", got)
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"a*", "abc", true},
		{"*c", "abc", true},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*b*", "a\nb\nc", true},
		{"x*", "abc", false},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"?", "é", true},
		{"abc", "abc", true},
		{"abc", "abcd", false},
	} {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v", tc.pattern, tc.s, got)
		}
	}
}

func TestCompleteUTF8(t *testing.T) {
	for _, tc := range []struct {
		b    string
		want int
	}{
		{"abc", 3},
		{"a\xc3", 1},     // first byte of é
		{"a\xe2\x98", 1}, // two bytes of ☺
		{"a☺", 4},
		{"\xf0\x9d\x84", 0}, // three bytes of 𝄞
		{"a\x80", 2},        // stray continuation byte: nothing to wait for
	} {
		if got := completeUTF8([]byte(tc.b)); got != tc.want {
			t.Errorf("completeUTF8(%q) = %d, want %d", tc.b, got, tc.want)
		}
	}
}

// A multibyte character split across Stream calls and across a size flush
// reaches the client whole.
func TestStreamKeepsCharactersWhole(t *testing.T) {
	k, sent := recordingKernel(t)
	o := newCellOutput(k, testRequest(), false)
	pad := make([]byte, streamMax-1)
	for i := range pad {
		pad[i] = 'x'
	}
	o.Stream("stdout", string(pad)+"\xe2") // first byte of ☺ fills the buffer
	o.Stream("stdout", "\x98\xba!")
	o.flush()
	text := ""
	for _, s := range *sent {
		text += s
	}
	if text != string(pad)+"☺!" {
		t.Errorf("text corrupted: tail %q", text[len(text)-8:])
	}
	if len(*sent) != 2 {
		t.Errorf("%d stream messages, want 2", len(*sent))
	}
}

func BenchmarkStream(b *testing.B) {
	k, _ := recordingKernel(b)
	o := newCellOutput(k, testRequest(), false)
	lines := make([]string, 1000)
	for i := range lines {
		lines[i] = "line " + strconv.Itoa(i) + "\n"
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o.Stream("stdout", lines[i%len(lines)])
	}
	o.flush()
}

// recordSocket is an iopub that decodes what the kernel publishes and keeps
// the text of stream messages.
type recordSocket struct {
	zmq4.Socket // nil: only SendMulti is used
	signer      *wire.Signer
	mu          sync.Mutex
	texts       *[]string
}

func (r *recordSocket) SendMulti(m zmq4.Msg) error {
	msg, err := wire.Decode(m.Frames, r.signer)
	if err != nil {
		return err
	}
	if msg.Header.MsgType == "stream" {
		var s wire.Stream
		if err := msg.Unmarshal(&s); err != nil {
			return err
		}
		r.mu.Lock()
		*r.texts = append(*r.texts, s.Text)
		r.mu.Unlock()
	}
	return nil
}

func recordingKernel(tb testing.TB) (*Kernel, *[]string) {
	signer, err := wire.NewSigner("hmac-sha256", "key")
	if err != nil {
		tb.Fatal(err)
	}
	texts := &[]string{}
	k := &Kernel{signer: signer, log: log.New(io.Discard, "", 0)}
	k.iopub = &recordSocket{signer: signer, texts: texts}
	return k, texts
}

func testRequest() wire.Message {
	m, _ := wire.NewMessage("execute_request", nil, nil)
	return m
}
