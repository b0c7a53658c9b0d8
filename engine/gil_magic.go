package engine

import (
	"fmt"
	"strings"

	"gokernel/gil"
	"gokernel/magics"
)

// GILCommand runs `%gil ARGS`:
//
//	%gil                     the configuration, package policies and counters
//	%gil on|off              switch the lock on or off
//	%gil interval 1ms        the switch interval (also "0.001")
//	%gil release|hold PKG... the policy of host packages (gokernel/native, ...)
//
// It returns the text to show.
func (s *Session) GILCommand(args string) (string, error) {
	f := strings.Fields(args)
	if len(f) == 0 {
		return s.lock.Stats().String() + s.policy.String(), nil
	}
	switch f[0] {
	case "on", "off":
		if len(f) != 1 {
			return "", fmt.Errorf("%%gil %s takes no arguments", f[0])
		}
		s.lock.SetEnabled(f[0] == "on")
		return "gil: " + f[0] + "\n", nil
	case "interval":
		if len(f) != 2 {
			return "", fmt.Errorf("usage: %%gil interval DURATION (like 5ms)")
		}
		d, err := gil.ParseInterval(f[1])
		if err != nil {
			return "", fmt.Errorf("%%gil interval: %w", err)
		}
		if err := s.lock.SetSwitchInterval(d); err != nil {
			return "", fmt.Errorf("%%gil interval: %w", err)
		}
		return fmt.Sprintf("gil: switch interval %v\n", d), nil
	case policyRelease, policyHold:
		if len(f) < 2 {
			return "", fmt.Errorf("usage: %%gil %s PKG...", f[0])
		}
		for _, pkg := range f[1:] {
			if err := s.setPolicy(pkg, f[0]); err != nil {
				return "", err
			}
		}
		return fmt.Sprintf("gil: %s %s\n", f[0], strings.Join(f[1:], " ")), nil
	}
	return "", fmt.Errorf("%%gil: unknown argument %q; usage: %%gil [on|off] [interval D] [release|hold PKG...]", f[0])
}

// gilMagic is %gil for the magics registry.
func (s *Session) gilMagic() magics.Magic {
	return magics.Func{
		MagicName: "gil", MagicKind: magics.LineMagic,
		Synopsis: "%gil [on|off] [interval D] [release|hold PKG...]",
		Help: `Show or configure the interpreter lock.

Bare %gil prints the configuration, the package policies and the lock's
counters (acquisitions, forced switches, time held and waited, per
goroutine). %gil on|off switches the lock on or off (off: interpreted
goroutines run in parallel). %gil interval 1ms sets the switch interval
(default 5ms; GOKERNEL_SWITCH_INTERVAL at start). %gil release PKG makes
calls into the compiled package PKG run with the lock released (the
default for gokernel/native, like numpy); %gil hold PKG keeps it held
(like h5py). From cells: import "gokernel/gil" for SetSwitchInterval,
SwitchInterval, Enabled and Stats.`,
		Fn: func(env magics.Env, call magics.Call, _ string) error {
			out, err := s.GILCommand(call.Args)
			if err != nil {
				return err
			}
			env.Stdout(out)
			return nil
		},
	}
}
