// Unbuffered channel round trips: main sends on ping, an echo goroutine answers on pong, n times.
package main

import "fmt"

const n = 100000

func main() {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	fmt.Println(sum)
}
