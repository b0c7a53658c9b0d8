package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// Hidden settings for measuring the kernel under a real client, where
// benchmarks of the parts miss the protocol's share: the kernel writes a
// CPU profile of its whole run, and/or a profile of what it allocated,
// to the files these name (for `go tool pprof`). Unset, nothing is
// profiled.
const (
	cpuProfileEnv   = "GOKERNEL_CPUPROFILE"
	allocProfileEnv = "GOKERNEL_MEMPROFILE"
)

// startProfiles starts what the environment asks for and returns what
// finishes it. A profile that cannot be written is reported, and the
// kernel runs on without it.
func startProfiles() (stop func()) {
	stopCPU := startCPUProfile(os.Getenv(cpuProfileEnv))
	allocs := os.Getenv(allocProfileEnv)
	if allocs != "" {
		runtime.MemProfileRate = 4096
	}
	return func() {
		stopCPU()
		if allocs != "" {
			writeProfile("allocs", allocs)
		}
	}
}

func startCPUProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gokernel: %s: %v\n", cpuProfileEnv, err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "gokernel: %s: %v\n", cpuProfileEnv, err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "gokernel: %s: %v\n", cpuProfileEnv, err)
		}
	}
}

func writeProfile(name, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup(name).WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gokernel: %s profile: %v\n", name, err)
	}
}
