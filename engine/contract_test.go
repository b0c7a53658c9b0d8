package engine_test

import (
	"gokernel/engine"
	"gokernel/kernel"
)

// The kernel drives a *Session through its Engine interface.
var _ kernel.Engine = (*engine.Session)(nil)
