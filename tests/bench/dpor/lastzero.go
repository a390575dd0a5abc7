// lastzero N: goroutine 0 looks for the last zero in array[0..N], from the end; goroutine j (1..N) sets
// array[j] to array[j-1] + 1. N = 1, 2, 3, 4: 2, 5, 12, 28 executions up to equivalence (Abdulla et al.).
package main

import (
	"sync"
	"sync/atomic"
)

const N = 3

var array [N + 1]int32

func main() {
	var wg sync.WaitGroup
	wg.Add(N + 1)
	go func() {
		defer wg.Done()
		i := N
		for atomic.LoadInt32(&array[i]) != 0 {
			i--
		}
	}()
	for j := 1; j <= N; j++ {
		go func(j int) {
			defer wg.Done()
			v := atomic.LoadInt32(&array[j-1])
			atomic.StoreInt32(&array[j], v+1)
		}(j)
	}
	wg.Wait()
}
