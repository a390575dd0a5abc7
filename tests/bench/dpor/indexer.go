// indexer N (Flanagan and Godefroid, POPL 2005): N goroutines each insert 4 messages into a hash table of
// 128 slots with compare-and-swap, probing on. Only N >= 12 collide: N = 12 has 8 executions up to
// equivalence.
package main

import (
	"sync"
	"sync/atomic"
)

const N = 12

const size = 128

var table [size]int32

func main() {
	var wg sync.WaitGroup
	wg.Add(N)
	for t := 0; t < N; t++ {
		go func(tid int32) {
			defer wg.Done()
			for m := int32(1); m <= 4; m++ {
				w := m*11 + tid
				h := (w * 7) % size
				for !atomic.CompareAndSwapInt32(&table[h], 0, w) {
					h = (h + 1) % size
				}
			}
		}(int32(t))
	}
	wg.Wait()
}
