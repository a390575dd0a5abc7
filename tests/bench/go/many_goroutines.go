// n goroutines alive at once: each parks on a WaitGroup-released gate, then adds one to a shared count.
package main

import (
	"fmt"
	"sync"
)

const n = 100000

func main() {
	var start, done sync.WaitGroup
	var mu sync.Mutex
	count := 0
	start.Add(1)
	for i := 0; i < n; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			mu.Lock()
			count++
			mu.Unlock()
		}()
	}
	start.Done()
	done.Wait()
	fmt.Println(count)
}
