package engine

import (
	"fmt"
	"os"

	"gokernel/magics"
	"gokernel/profiler/timeline"
)

// %%threads and %threads (DESIGN §4): a cell's goroutines on a timeline of
// the interpreter lock, and the goroutines cells started that still run.

const threadsDoc = `Show how goroutines share the interpreter lock.

%%threads [--gil on|off] [--interval D] [--compare] [-o FILE]
    Runs the cell under Go's execution tracer and shows a timeline, a row
    per goroutine the cell started and one for the cell itself, with
    segments for holding the lock, waiting for it, native code with the
    lock released, and blocked (chan, select, sleep, sync, I/O); then a
    table: wall and CPU time, parallelism (CPU/wall), the share of time
    the lock was held and waited for, forced switches, and per-goroutine
    totals. The cell should wait for the goroutines it starts
    (sync.WaitGroup): the recording ends with the cell.

  --gil on|off   run with the lock on or off (it is restored afterwards)
  --interval D   the switch interval for the run (5ms, or seconds: 0.005)
  --compare      run with the lock on, then off (or the --gil given, then
                 the other; two --gil values compare those) and show both
                 timelines on one time scale with the speedup
  -o FILE        write the runtime trace, which go tool trace opens (with
                 --compare, FILE.gil-on.EXT and FILE.gil-off.EXT)

  The measurements stay in _threads: _threads.Run(i) is run i (from 0),
  with .Wall, .Parallelism(), .MedianHold() and .Summary();
  _threads.Speedup() is the first run's wall time over the second's.

%threads
    Lists the goroutines that cells started and that still run: id,
    state, the cell that started it, and how long it has run.`

func (s *Session) threadsMagic() magics.Magic {
	return magics.Func{
		MagicName: "threads", MagicKind: magics.LineMagic | magics.CellMagic,
		Synopsis: timeline.Usage + "\n%threads", Help: threadsDoc,
		Fn: func(env magics.Env, call magics.Call, body string) error {
			if !call.Cell {
				if call.Args != "" {
					return fmt.Errorf("%%threads takes no arguments (did you mean %%%%threads?)")
				}
				env.Stdout(s.bg.list(s.lock.Stats()))
				return nil
			}
			return s.threadsCell(env.(*magicRun), call, body)
		},
	}
}

// threadsCell runs the body once per lock setting asked for, restoring
// the lock's configuration afterwards.
func (s *Session) threadsCell(r *magicRun, call magics.Call, body string) error {
	o, err := timeline.ParseOptions(call.Args)
	if err != nil {
		return err
	}
	modes := o.Modes
	if len(modes) == 0 {
		modes = []bool{s.lock.Enabled()}
	}
	on, interval := s.lock.Enabled(), s.lock.SwitchInterval()
	defer func() {
		s.lock.SetEnabled(on)
		_ = s.lock.SetSwitchInterval(interval)
	}()
	if o.Interval > 0 {
		if err := s.lock.SetSwitchInterval(o.Interval); err != nil {
			return err
		}
	}
	var res timeline.Result
	for i, mode := range modes {
		s.lock.SetEnabled(mode)
		tl, err := s.recordCell(r, body)
		if err != nil {
			return err
		}
		if p := o.TracePath(i); p != "" {
			if err := os.WriteFile(p, tl.Trace, 0o644); err != nil {
				return fmt.Errorf("%%%%threads -o: %w", err)
			}
		}
		res.Runs = append(res.Runs, tl)
	}
	r.Display(timeline.Bundle(res))
	return s.keepThreads(r, res)
}

// recordCell runs body once under the recorder. Rows are the cell's
// goroutine and the goroutines cells start meanwhile.
func (s *Session) recordCell(r *magicRun, body string) (*timeline.Timeline, error) {
	seen := s.bg.record(r.c.n)
	defer s.bg.stopRecording()
	// A thread of its own for the cell's goroutine: the lock names the
	// goroutine of a thread's first acquisition in its events, and the
	// session's main thread first ran in an earlier cell's goroutine.
	main := s.mainThread
	s.mainThread = s.lock.NewThread("main")
	defer func() {
		s.mainThread.Close()
		s.mainThread = main
	}()
	var runErr error
	tl, err := timeline.Record(timeline.Config{
		Lock: s.lock, SkipRoot: true, Include: seen.has, Name: seen.name,
	}, func() { runErr = r.Run(body) })
	if runErr != nil {
		return nil, runErr
	}
	if err != nil {
		return nil, fmt.Errorf("%%%%threads: %w", err)
	}
	return tl, nil
}

// keepThreads stores the result as _threads for later cells.
func (s *Session) keepThreads(r *magicRun, res timeline.Result) error {
	s.mg.threads = res
	if e := s.runGenerated(r.c, "var _threads = "+rtName+".MThreads()"); e != nil {
		return e
	}
	s.decl.mu.Lock()
	s.decl.names["_threads"] = "var _threads timeline.Result"
	s.decl.mu.Unlock()
	return nil
}
