package cputime

import (
	"syscall"
	"time"
)

func process() (user, sys time.Duration) {
	h, err := syscall.GetCurrentProcess()
	if err != nil {
		return 0, 0
	}
	var created, exited, kernel, usr syscall.Filetime
	if err := syscall.GetProcessTimes(h, &created, &exited, &kernel, &usr); err != nil {
		return 0, 0
	}
	return filetime(usr), filetime(kernel)
}

// filetime converts a duration in 100 ns units, as GetProcessTimes gives
// it.
func filetime(f syscall.Filetime) time.Duration {
	return time.Duration(uint64(f.HighDateTime)<<32|uint64(f.LowDateTime)) * 100
}
