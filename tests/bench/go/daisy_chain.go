// Rob Pike's daisy chain (Go Concurrency Patterns, 2012): n goroutines, each passing 1 + what its right
// neighbour sends to its left neighbour. All n are parked before the first value enters the chain.
package main

import "fmt"

const n = 10000

func f(left, right chan int) {
	left <- 1 + <-right
}

func main() {
	leftmost := make(chan int)
	right := leftmost
	left := leftmost
	for i := 0; i < n; i++ {
		right = make(chan int)
		go f(left, right)
		left = right
	}
	go func(c chan int) { c <- 1 }(right)
	fmt.Println(<-leftmost)
}
