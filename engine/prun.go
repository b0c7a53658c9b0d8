package engine

import (
	"fmt"
	"os"
	"strings"

	"gokernel/magics"
	"gokernel/profiler"
)

const prunDoc = `Profile a Go statement or cell: every call of an interpreted function,
and statements that call a compiled package's function, counted and timed.

%prun [-s KEY] [-l LIMIT] [-r] [-q] [-D FILE] [-T FILE] STATEMENT
%%prun [options]
BODY

The table has pstats' layout: ncalls (total/primitive when recursive),
tottime (in the function itself), percall, cumtime (callees included,
outermost calls only), percall, and filename:lineno(function). An inline
flame graph follows: each frame as wide as its cumulative time.

Options:
  -s KEY    sort by KEY (repeatable: the first decides, the next break ties):
            calls/ncalls, cumulative/cumtime, tottime/time, name, filename,
            line, pcalls, nfl, stdname (default: tottime)
  -l LIMIT  print at most LIMIT rows (an integer), a fraction of them
            (0.25), or the rows matching a regular expression (repeatable)
  -r        keep the stats as _prun (Lookup, Funcs, TotalCalls, ...) and
            show them as the cell's value instead of printing the table
  -q        print no table and no flame graph
  -D FILE   write a pprof profile (go tool pprof FILE)
  -T FILE   write the table to FILE`

func (s *Session) prunMagic() magics.Magic {
	return magics.Func{
		MagicName: "prun", MagicKind: magics.LineMagic | magics.CellMagic,
		Synopsis: "%prun [-s KEY] [-l LIMIT] [-r] [-q] [-D FILE] [-T FILE] STATEMENT", Help: prunDoc,
		Fn: s.prun,
	}
}

type prunOptions struct {
	sort         []string
	limits       []profiler.Restriction
	store, quiet bool
	dump, text   string
}

func parsePrunOptions(o magics.Options) (prunOptions, error) {
	p := prunOptions{sort: o["s"], store: o.Has("r"), quiet: o.Has("q"), dump: o.Last("D", ""), text: o.Last("T", "")}
	if len(p.sort) == 0 {
		p.sort = []string{"time"}
	}
	if err := (&profiler.Stats{}).Sort(p.sort...); err != nil {
		return p, magics.Usagef("%%prun: %v", err)
	}
	for _, l := range o["l"] {
		p.limits = append(p.limits, profiler.ParseRestriction(l))
	}
	return p, nil
}

func (s *Session) prun(env magics.Env, call magics.Call, body string) error {
	r := env.(*magicRun)
	o, rest, err := magics.ParseOptions(call.Args, "s:l:rqD:T:")
	if err != nil {
		return magics.Usagef("%%prun: %v", err)
	}
	opts, err := parsePrunOptions(o)
	if err != nil {
		return err
	}
	line, col := call.Pos(rest)
	stmt := piece{rest, line, col}
	if call.Cell {
		stmt = piece{body, call.Line + 1, 1}
	}
	if strings.TrimSpace(stmt.src) == "" {
		return magics.Usagef("%%prun: nothing to profile; usage: %%prun [-s KEY] [-l LIMIT] [-r] [-q] [-D FILE] [-T FILE] STATEMENT")
	}
	prof, e := s.profileRun(r.c, stmt)
	if e != nil {
		return e
	}
	return s.reportProfile(r, prof, opts)
}

// profileRun compiles the statement, declarations first, then runs it
// under the profiler inside a <module> call, as cProfile shows a script.
func (s *Session) profileRun(c *cell, stmt piece) (*profiler.Profile, error) {
	module := s.prof.Register(profiler.Func{File: fmt.Sprintf("cell[%d]", c.n), Line: stmt.line, Name: "<module>"})
	code := fmt.Sprintf("%s.PM(%d)\n%s%s\n", rtName, module, stmt.directive(c.n), stmt.src)
	prog, e := s.generated(c, code, hideFinal)
	if e != nil {
		return nil, e
	}
	if prog == nil {
		return nil, magics.Usagef("%%prun: nothing to run, only declarations")
	}
	if err := s.startProfile(); err != nil {
		return nil, magics.Usagef("%%prun: %v", err)
	}
	e = s.run(c, prog)
	prof := s.stopProfile()
	if e != nil {
		return nil, e
	}
	return prof, nil
}

// hideFinal keeps the statement's value from being shown: %prun shows
// the profile.
func hideFinal(u *unit) {
	if u.final != nil {
		u.block.List[len(u.block.List)-1] = u.plain
		u.final = nil
	}
}

// reportProfile prints the table and the flame graph, writes the files
// and keeps the stats, as the options ask.
func (s *Session) reportProfile(r *magicRun, prof *profiler.Profile, o prunOptions) error {
	stats := prof.Stats()
	if err := stats.Sort(o.sort...); err != nil {
		return magics.Usagef("%%prun: %v", err)
	}
	var table strings.Builder
	if err := stats.Write(&table, o.limits...); err != nil {
		return err
	}
	if !o.quiet && !o.store {
		r.Stdout(table.String())
	}
	if !o.quiet {
		r.Display(flameBundle(prof))
	}
	if o.text != "" {
		if err := os.WriteFile(o.text, []byte(table.String()), 0o644); err != nil {
			return magics.Usagef("%%prun: %v", err)
		}
		r.Stdout(fmt.Sprintf("\n*** Profile printout saved to text file '%s'.\n", o.text))
	}
	if o.dump != "" {
		if err := writePprof(o.dump, prof); err != nil {
			return magics.Usagef("%%prun: %v", err)
		}
		r.Stdout(fmt.Sprintf("\n*** Profile written as pprof to file '%s'.\n", o.dump))
	}
	if o.store {
		return s.keepStats(r, stats)
	}
	return nil
}

func writePprof(name string, prof *profiler.Profile) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := prof.WritePprof(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// flameBundle is the flame graph as inline HTML (hover titles work there;
// front ends show image/svg+xml as an image, where they do not), SVG and
// a line of text.
func flameBundle(prof *profiler.Profile) map[string]any {
	svg := prof.FlameGraph()
	return map[string]any{
		"text/html":     "<div style=\"overflow-x:auto\">" + svg + "</div>",
		"image/svg+xml": svg,
		"text/plain":    fmt.Sprintf("<flame graph: %s of calls>", prof.Total()),
	}
}

// keepStats stores the stats as _prun and shows them as the value.
func (s *Session) keepStats(r *magicRun, stats *profiler.Stats) error {
	s.mg.prun = stats
	if e := s.runGenerated(r.c, "var _prun = "+rtName+".MPrun()"); e != nil {
		return e
	}
	s.decl.mu.Lock()
	s.decl.names["_prun"] = "var _prun *profiler.Stats"
	s.decl.mu.Unlock()
	r.SetResult(stats)
	return nil
}
