// expected: one of Go's outputs
// At 500 ms both tick and boom are ready; Go's select picks one at random (BOOM! alone in most runs,
// tick. then BOOM! in about one in four). The .out is the second, which Interleave's go policy prints.
// A Tour of Go: Default Selection (https://go.dev/tour/concurrency/6), unmodified.
package main

import (
	"fmt"
	"time"
)

func main() {
	tick := time.Tick(100 * time.Millisecond)
	boom := time.After(500 * time.Millisecond)
	for {
		select {
		case <-tick:
			fmt.Println("tick.")
		case <-boom:
			fmt.Println("BOOM!")
			return
		default:
			fmt.Println("    .")
			time.Sleep(50 * time.Millisecond)
		}
	}
}
