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
