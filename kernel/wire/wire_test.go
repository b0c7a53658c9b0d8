package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"testing"
)

// vectorFrames and vectorSig come from Python's hmac module:
//
//	h = hmac.new(b"8a2f3c1e-key", digestmod=hashlib.sha256)
//	for f in frames: h.update(f)
//	h.hexdigest()
//
// (jupyter_client.session.Session(key=...).sign(frames) gives the same).
var vectorFrames = [][]byte{
	[]byte(`{"msg_id":"m1","session":"s1","username":"u","date":"2024-01-02T03:04:05.000006Z","msg_type":"execute_request","version":"5.3"}`),
	[]byte(`{}`),
	[]byte(`{}`),
	[]byte(`{"code":"1+1"}`),
}

const (
	vectorKey = "8a2f3c1e-key"
	vectorSig = "bc0351661fcc09d972c463a01b7182e58244fab033954451477f0f50d7a6fc3b"
)

func mustSigner(t *testing.T, key string) *Signer {
	t.Helper()
	s, err := NewSigner("hmac-sha256", key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignMatchesPython(t *testing.T) {
	s := mustSigner(t, vectorKey)
	if got := string(s.Sign(vectorFrames...)); got != vectorSig {
		t.Fatalf("Sign = %s, want %s", got, vectorSig)
	}
	if !s.Verify([]byte(vectorSig), vectorFrames...) {
		t.Fatal("Verify rejected Python's signature")
	}
}

func TestDecodePythonFrames(t *testing.T) {
	frames := append([][]byte{[]byte("peer"), Delimiter, []byte(vectorSig)}, vectorFrames...)
	m, err := Decode(frames, mustSigner(t, vectorKey))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.MsgType != "execute_request" || m.Header.MsgID != "m1" {
		t.Errorf("header = %+v", m.Header)
	}
	if len(m.Identities) != 1 || string(m.Identities[0]) != "peer" {
		t.Errorf("identities = %q", m.Identities)
	}
	var req ExecuteRequest
	if err := m.Unmarshal(&req); err != nil || req.Code != "1+1" {
		t.Errorf("content = %+v, %v", req, err)
	}
}

func TestDecodeRejectsTampering(t *testing.T) {
	s := mustSigner(t, vectorKey)
	for i := range vectorFrames {
		frames := [][]byte{Delimiter, []byte(vectorSig)}
		for j, f := range vectorFrames {
			if j == i {
				f = append(bytes.Clone(f[:len(f)-1]), ' ', '}')
			}
			frames = append(frames, f)
		}
		if _, err := Decode(frames, s); !errors.Is(err, ErrBadSignature) {
			t.Errorf("frame %d tampered: err = %v, want ErrBadSignature", i, err)
		}
	}
	bad := append([][]byte{Delimiter, []byte("zz" + vectorSig[2:])}, vectorFrames...)
	if _, err := Decode(bad, s); !errors.Is(err, ErrBadSignature) {
		t.Errorf("non-hex signature: err = %v", err)
	}
	other := append([][]byte{Delimiter, []byte(vectorSig)}, vectorFrames...)
	if _, err := Decode(other, mustSigner(t, "another key")); !errors.Is(err, ErrBadSignature) {
		t.Errorf("wrong key: err = %v", err)
	}
}

func TestDecodeMalformed(t *testing.T) {
	s := mustSigner(t, "")
	if _, err := Decode(vectorFrames, s); !errors.Is(err, ErrNoDelimiter) {
		t.Errorf("missing delimiter: err = %v", err)
	}
	short := [][]byte{Delimiter, nil, vectorFrames[0], vectorFrames[1]}
	if _, err := Decode(short, s); !errors.Is(err, ErrShortMessage) {
		t.Errorf("short: err = %v", err)
	}
	notJSON := [][]byte{Delimiter, nil, []byte("{"), []byte("{}"), []byte("{}"), []byte("{}")}
	if _, err := Decode(notJSON, s); err == nil {
		t.Error("bad header JSON accepted")
	}
	badContent := [][]byte{Delimiter, nil, vectorFrames[0], []byte("{}"), []byte("{}"), []byte("{nope")}
	if _, err := Decode(badContent, s); err == nil {
		t.Error("bad content JSON accepted")
	}
}

func TestEmptyKeyDoesNotSign(t *testing.T) {
	s := mustSigner(t, "")
	if s.Enabled() {
		t.Fatal("empty key enabled signing")
	}
	m, err := NewMessage("status", nil, Status{ExecutionState: "idle"})
	if err != nil {
		t.Fatal(err)
	}
	frames := Encode(m, s)
	if len(frames[1]) != 0 {
		t.Errorf("signature frame = %q, want empty", frames[1])
	}
	frames[1] = []byte("anything")
	if _, err := Decode(frames, s); err != nil {
		t.Errorf("empty key must not verify: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	s := mustSigner(t, "k")
	parent := Header{MsgID: "p", MsgType: "execute_request", Session: "s"}
	m, err := NewMessage("stream", &parent, Stream{Name: "stdout", Text: "héllo\n"})
	if err != nil {
		t.Fatal(err)
	}
	m.Identities = [][]byte{[]byte("a"), []byte("b")}
	m.Buffers = [][]byte{{0, 1, 2}}
	frames := Encode(m, s)
	if !bytes.Equal(frames[2], Delimiter) {
		t.Fatalf("frames[2] = %q, want delimiter", frames[2])
	}
	got, err := Decode(frames, s)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header != m.Header || got.ParentHeader != parent {
		t.Errorf("headers = %+v / %+v", got.Header, got.ParentHeader)
	}
	var st Stream
	if err := got.Unmarshal(&st); err != nil || st.Text != "héllo\n" {
		t.Errorf("content = %+v, %v", st, err)
	}
	if len(got.Identities) != 2 || len(got.Buffers) != 1 || !bytes.Equal(got.Buffers[0], []byte{0, 1, 2}) {
		t.Errorf("identities %q buffers %q", got.Identities, got.Buffers)
	}
}

func TestNewMessageHeader(t *testing.T) {
	m, err := NewMessage("kernel_info_request", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !uuid.MatchString(m.Header.MsgID) || !uuid.MatchString(m.Header.Session) {
		t.Errorf("ids %q %q", m.Header.MsgID, m.Header.Session)
	}
	date := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$`)
	if !date.MatchString(m.Header.Date) {
		t.Errorf("date %q", m.Header.Date)
	}
	if m.Header.Version != "5.3" || string(m.Content) != "{}" {
		t.Errorf("version %q content %s", m.Header.Version, m.Content)
	}
	frames := Encode(m, nil)
	if string(frames[3]) != "{}" {
		t.Errorf("empty parent encodes as %s", frames[3])
	}
	if _, err := NewMessage("x", nil, map[string]any{"f": func() {}}); err == nil {
		t.Error("unencodable content accepted")
	}
}

func TestConnectionFile(t *testing.T) {
	ci, err := NewConnectionInfo("127.0.0.1", "go")
	if err != nil {
		t.Fatal(err)
	}
	ports := map[int]bool{ci.ShellPort: true, ci.IOPubPort: true, ci.StdinPort: true, ci.ControlPort: true, ci.HBPort: true}
	if len(ports) != 5 || ports[0] {
		t.Errorf("ports not distinct: %+v", ci)
	}
	path := filepath.Join(t.TempDir(), "kernel.json")
	if err := ci.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConnectionFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != ci {
		t.Errorf("read %+v, wrote %+v", got, ci)
	}
	if ep := got.Endpoint(got.ShellPort); ep != "tcp://127.0.0.1:"+itoa(ci.ShellPort) {
		t.Errorf("endpoint %q", ep)
	}
	ipc := ConnectionInfo{Transport: "ipc", IP: "/run/k"}
	if ep := ipc.Endpoint(3); ep != "ipc:///run/k-3" {
		t.Errorf("ipc endpoint %q", ep)
	}
}

func TestReadConnectionFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
	bad := ConnectionInfo{Key: "k", SignatureScheme: "hmac-md5"}
	path := filepath.Join(dir, "bad.json")
	if err := bad.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadConnectionFile(path); err == nil {
		t.Error("unsupported scheme accepted")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
