// A forgotten receiver: the worker sends its result on an unbuffered channel that nobody reads, while main
// waits for the worker to finish. Neither can go on: Go's "all goroutines are asleep - deadlock!".
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	results := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(10 * time.Millisecond) // work
		results <- 42                     // blocks: nobody receives until Wait returns
	}()
	wg.Wait()
	fmt.Println(<-results)
}
