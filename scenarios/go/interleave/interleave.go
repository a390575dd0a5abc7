// Package interleave is Interleave's teaching API for Go programs. Under `interleave run` (and in the
// scenarios, the GUI and the explorer) these calls are the simulator's own: Work holds a virtual processor,
// Label names what a goroutine is doing in the views, Check is an invariant whose failure ends the run as
// an invariant violation, and Watch plots a variable on the timeline.
//
// This file is the stub for the real Go toolchain, so that the same program still builds and runs with
// `go run` (scenarios/go/go.mod points the import path "interleave" here with a replace directive).
package interleave

import "time"

// Work stands for a computation that takes d: under Interleave it holds a virtual processor for d of
// virtual time. Here it sleeps for d (on Go's playground clock, `-tags faketime`, that is the same time).
func Work(d time.Duration) { time.Sleep(d) }

// Label says what the calling goroutine is doing from now on ("" clears it). Here it does nothing.
func Label(text string) {}

// Check is an invariant: when ok is false, Interleave ends the run as an invariant violation named name.
// Here it panics with the same words.
func Check(ok bool, name string) {
	if !ok {
		panic("interleave: invariant violated: " + name)
	}
}

// Watch shows the value of *p over time as a counter track named name. Here it does nothing.
func Watch(name string, p *int) {}
