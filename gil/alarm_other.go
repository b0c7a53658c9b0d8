//go:build !linux

package gil

func newAlarm(f func()) alarm { return timerAlarm(f) }
