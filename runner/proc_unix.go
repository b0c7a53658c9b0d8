//go:build unix

package runner

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup puts the kernel in a process group of its own, so a
// Ctrl-C in the terminal reaches only the runner, which then interrupts
// the cell and shuts the kernel down in order.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the kernel and anything it started.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Process.Kill()
}
