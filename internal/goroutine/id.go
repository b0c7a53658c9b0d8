package goroutine

import (
	"bytes"
	"runtime"
	"strconv"
)

// ID returns the running goroutine's id, the number panics and
// runtime/trace show, by parsing the first line of runtime.Stack
// ("goroutine 42 [running]:"). It costs about 1 µs.
func ID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 0
	}
	return id
}
