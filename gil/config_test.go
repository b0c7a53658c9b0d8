package gil

import (
	"testing"
	"time"
)

func TestFromEnv(t *testing.T) {
	t.Setenv(EnvMode, "off")
	t.Setenv(EnvInterval, "1ms")
	c, err := FromEnv()
	if err != nil || c.Enabled || c.Interval != time.Millisecond {
		t.Errorf("FromEnv = %+v, %v", c, err)
	}
	t.Setenv(EnvInterval, "0.002")
	if c, err := FromEnv(); err != nil || c.Interval != 2*time.Millisecond {
		t.Errorf("seconds: %+v, %v", c, err)
	}
	t.Setenv(EnvMode, "maybe")
	t.Setenv(EnvInterval, "-1ms")
	c, err = FromEnv()
	if err == nil || !c.Enabled || c.Interval != DefaultInterval {
		t.Errorf("bad values: %+v, %v; want error and defaults", c, err)
	}
}

func TestSetSwitchInterval(t *testing.T) {
	l := New(DefaultConfig())
	if l.SwitchInterval() != DefaultInterval || !l.Enabled() {
		t.Errorf("default: %v %v", l.SwitchInterval(), l.Enabled())
	}
	if err := l.SetSwitchInterval(0); err == nil {
		t.Error("zero interval accepted")
	}
	if err := l.SetSwitchInterval(time.Millisecond); err != nil || l.SwitchInterval() != time.Millisecond {
		t.Errorf("set 1ms: %v, now %v", err, l.SwitchInterval())
	}
}

func TestSharedWordKeepsOtherBits(t *testing.T) {
	var word int32 = 4 // an interrupt bit the engine owns
	l := New(Config{Enabled: true, Word: &word, Mask: 2})
	l.setDrop()
	l.clearDrop()
	if word != 4 || l.Word() != &word || l.Mask() != 2 {
		t.Errorf("word %b after set/clear of bit 2", word)
	}
}

func TestGoid(t *testing.T) {
	a, b := goid(), make(chan int64)
	go func() { b <- goid() }()
	if c := <-b; a <= 0 || c <= 0 || a == c {
		t.Errorf("goids %d and %d", a, c)
	}
}
