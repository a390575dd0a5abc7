// The forgotten receiver, fixed: the result channel has room for the worker's value.
package main

import (
	"fmt"
	"sync"
	"time"
)

var total int

func main() {
	var wg sync.WaitGroup
	results := make(chan int, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(time.Second)
		results <- 42
	}()
	wg.Wait()
	total = <-results
	fmt.Println("total", total)
}
