package rt

import "testing"

func TestSetClearSlow(t *testing.T) {
	var got int32
	c := New(func(b int32) { got = b })
	c.Slow()
	if got != 0 {
		t.Fatalf("slow path ran with a zero word: %b", got)
	}
	c.Set(Interrupt | StackCheck)
	c.Clear(StackCheck)
	if *c.Word() != Interrupt {
		t.Fatalf("word = %b, want %b", *c.Word(), Interrupt)
	}
	c.Slow()
	if got != Interrupt {
		t.Fatalf("slow path got %b, want %b", got, Interrupt)
	}
}

func TestOnChange(t *testing.T) {
	c := New(func(int32) {})
	var seen []int32
	c.OnChange(func() { seen = append(seen, c.Bits()) })
	c.Set(Lock)
	c.Clear(Lock)
	if len(seen) != 2 || seen[0] != Lock || seen[1] != 0 {
		t.Fatalf("OnChange saw %v, want [%d 0]", seen, Lock)
	}
}
