// Package native holds compiled compute kernels that notebook cells call as
// `import "gokernel/native"`. They run at compiled speed and, under the
// package's default policy `release`, without the interpreter lock (as
// numpy releases the GIL), so goroutines calling them run in parallel even
// with the lock on. `%gil hold gokernel/native` makes them keep the lock
// (as h5py does), which serialises them.
package native

import (
	"fmt"
	"time"
)

// Sum returns the sum of xs.
func Sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// Dot returns the dot product of a and b, which must have the same length.
func Dot(a, b []float64) float64 {
	if len(a) != len(b) {
		panic(fmt.Sprintf("native.Dot: lengths %d and %d differ", len(a), len(b)))
	}
	s := 0.0
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// MatMul multiplies two n×n matrices stored row by row.
func MatMul(a, b []float64, n int) []float64 {
	if n < 0 || len(a) != n*n || len(b) != n*n {
		panic(fmt.Sprintf("native.MatMul: want two %d×%d matrices (%d values), got %d and %d", n, n, n*n, len(a), len(b)))
	}
	c := make([]float64, n*n)
	for i := range n {
		for k := range n {
			aik := a[i*n+k]
			row, brow := c[i*n:(i+1)*n], b[k*n:(k+1)*n]
			for j := range row {
				row[j] += aik * brow[j]
			}
		}
	}
	return c
}

// Mandelbrot counts the iterations of every pixel of a w×h view of the
// Mandelbrot set (real part -2..1, imaginary -1.5..1.5), at most maxIter
// each, and returns their total: a CPU-bound kernel whose result checks
// that the work was done.
func Mandelbrot(w, h, maxIter int) int {
	total := 0
	for py := range h {
		ci := -1.5 + 3*float64(py)/float64(max(h, 1))
		for px := range w {
			cr := -2 + 3*float64(px)/float64(max(w, 1))
			total += escape(cr, ci, maxIter)
		}
	}
	return total
}

func escape(cr, ci float64, maxIter int) int {
	zr, zi := 0.0, 0.0
	for i := range maxIter {
		zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
		if zr*zr+zi*zi > 4 {
			return i
		}
	}
	return maxIter
}

// CountPrimes returns the number of primes below n (a sieve).
func CountPrimes(n int) int {
	if n < 3 {
		return 0
	}
	composite := make([]bool, n)
	count := 0
	for i := 2; i < n; i++ {
		if composite[i] {
			continue
		}
		count++
		for j := i * i; j < n; j += i {
			composite[j] = true
		}
	}
	return count
}

// Spin burns CPU for d and returns how many rounds of work it did.
func Spin(d time.Duration) int {
	end := time.Now().Add(d)
	rounds := 0
	x := 1.0
	for time.Now().Before(end) {
		for range 1000 {
			x = x*1.000001 + 1e-9
		}
		rounds++
	}
	if x < 0 { // keeps the loop from being optimised away
		rounds--
	}
	return rounds
}
