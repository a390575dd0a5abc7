// expected: hand-written
// Go 1.23 timer semantics (https://go.dev/doc/go1.23#timer-changes), which Go 1.19 cannot show:
// a timer's channel is unbuffered (len and cap 0), and Stop and Reset discard a value that fired but was
// not received, so no stale value is received after them. Timers are runtime objects, not goroutines.
// Expected output reasoned from the Go 1.23 release notes and time package docs (Go 1.19 prints cap 1,
// "stale value received" and a different goroutine count).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	t := time.NewTimer(time.Second)
	fmt.Println("len", len(t.C), "cap", cap(t.C))
	fmt.Println("goroutines", runtime.NumGoroutine())

	// It fires at 1 s, but nobody receives; Stop still reports it pending and discards the value.
	time.Sleep(2 * time.Second)
	fmt.Println("len after firing", len(t.C))
	fmt.Println("Stop:", t.Stop())
	select {
	case v := <-t.C:
		fmt.Println("stale value received", v)
	default:
		fmt.Println("no stale value after Stop")
	}
	fmt.Println("Stop again:", t.Stop())

	// Reset after an unreceived firing: no stale value, the new one comes at the new time.
	t.Reset(time.Second)
	time.Sleep(2 * time.Second)
	start := time.Now()
	fmt.Println("Reset:", t.Reset(500*time.Millisecond))
	<-t.C
	fmt.Println("received after", time.Since(start))

	// A ticker drops ticks nobody receives.
	tk := time.NewTicker(100 * time.Millisecond)
	time.Sleep(350 * time.Millisecond)
	n := 0
	for done := false; !done; {
		select {
		case <-tk.C:
			n++
		default:
			done = true
		}
	}
	fmt.Println("pending ticks", n)
	tk.Reset(time.Second)
	select {
	case <-tk.C:
		fmt.Println("stale tick")
	default:
		fmt.Println("no stale tick after Reset")
	}
	tk.Stop()
	fmt.Println("goroutines", runtime.NumGoroutine())
}
