package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			fmt.Println("worker", id, "go")
			mu.Unlock()
		}(i)
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	wg.Wait()
	var ops int64
	var wg2 sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg2.Add(1)
		go func() {
			for c := 0; c < 100; c++ {
				atomic.AddInt64(&ops, 1)
			}
			wg2.Done()
		}()
	}
	wg2.Wait()
	fmt.Println("ops:", atomic.LoadInt64(&ops))
}
