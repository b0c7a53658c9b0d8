package kernel

import (
	"testing"

	"gokernel/kernel/wire"
)

// BenchmarkExecuteRoundTrip measures a trivial cell from execute_request to
// its idle status, through real sockets on loopback.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	c := startKernel(b, newFakeEngine(), nil)
	req := wire.DefaultExecuteRequest("result:1")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.execute(req)
	}
}
