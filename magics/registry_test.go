package magics

import (
	"strings"
	"testing"
)

type fakeMagic struct {
	name string
	kind Kind
}

func (f fakeMagic) Name() string                { return f.name }
func (f fakeMagic) Kind() Kind                  { return f.kind }
func (f fakeMagic) Usage() string               { return "%" + f.name + " ARGS" }
func (f fakeMagic) Doc() string                 { return "Does " + f.name + "." }
func (f fakeMagic) Run(Env, Call, string) error { return nil }

func TestRegistry(t *testing.T) {
	r := NewRegistry(fakeMagic{"timeit", LineMagic | CellMagic}, fakeMagic{"gil", LineMagic}, fakeMagic{"native", CellMagic})
	if _, err := r.Lookup("gil", LineMagic); err != nil {
		t.Error(err)
	}
	_, err := r.Lookup("gil", CellMagic)
	if err == nil || !strings.Contains(err.Error(), "unknown magic %%gil") || !strings.Contains(err.Error(), "%timeit") {
		t.Errorf("cell use of a line magic: %v", err)
	}
	_, err = r.Lookup("nope", LineMagic)
	if err == nil || !strings.Contains(err.Error(), "%gil, %timeit, %%native, %%timeit") {
		t.Errorf("unknown magic error does not list known ones: %v", err)
	}
	ls := r.LsMagic()
	if !strings.Contains(ls, "%gil  %timeit") || !strings.Contains(ls, "%%native  %%timeit") {
		t.Errorf("lsmagic = %q", ls)
	}
	h, err := r.Help("timeit")
	if err != nil || !strings.Contains(h, "Does timeit.") {
		t.Errorf("help = %q, %v", h, err)
	}
}
