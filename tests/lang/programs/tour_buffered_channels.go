// A Tour of Go: Buffered Channels (https://go.dev/tour/concurrency/3), unmodified.
package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	ch <- 1
	ch <- 2
	fmt.Println(<-ch)
	fmt.Println(<-ch)
}
