// Package runner executes a notebook from the command line: `gokernel run`.
//
// It starts the kernel as a child process and talks to it over ZeroMQ with
// the Jupyter messaging protocol, exactly as a Jupyter front end would, so a
// notebook that passes here passes in Jupyter too. Outputs are collected
// into the notebook the way a front end shows them (clear_output,
// update_display_data) and a readable transcript is printed while it runs.
package runner
