// readers N: one goroutine stores x, N goroutines load it. The loads commute with each other, each one
// with the store does not: 2^N executions up to equivalence (Abdulla et al., POPL 2014).
package main

import (
	"sync"
	"sync/atomic"
)

const N = 3

var x int32

func main() {
	var wg sync.WaitGroup
	wg.Add(N + 1)
	go func() {
		defer wg.Done()
		atomic.StoreInt32(&x, 42)
	}()
	for i := 0; i < N; i++ {
		go func() {
			defer wg.Done()
			atomic.LoadInt32(&x)
		}()
	}
	wg.Wait()
}
