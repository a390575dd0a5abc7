// expected: hand-written
// The page relies on Go 1.22's per-iteration loop variables (each goroutine gets its own i), which Go 1.19
// cannot show: the .out is Go 1.19's faketime output of this program with `i := i` added before `go func`,
// which is what Go 1.22 means (make_expected.sh skips this file).
// Go by Example: WaitGroups (https://gobyexample.com/waitgroups), unmodified.
package main

import (
	"fmt"
	"sync"
	"time"
)

func worker(id int) {
	fmt.Printf("Worker %d starting\n", id)

	time.Sleep(time.Second)
	fmt.Printf("Worker %d done\n", id)
}

func main() {

	var wg sync.WaitGroup

	for i := 1; i <= 5; i++ {
		wg.Add(1)

		go func() {
			defer wg.Done()
			worker(i)
		}()
	}

	wg.Wait()

}
